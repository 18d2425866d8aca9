#pragma once

#include "core/BuzzerPattern.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace AlertGate {

/// Everything alertgate reads from its INI file, typed and validated once (SettingsLoader).
/// The defaults run on a laptop: loopback only, history in ./alertgate.db, no authentication.
struct Settings
{
    std::string sourceFile; /// The INI file these came from; empty for the embedded defaults.

    struct Http
    {
        std::string host = "127.0.0.1";
        std::uint16_t port = 9098;
        std::uint64_t maxBodyBytes = 8 * 1024 * 1024;   /// A group of ~13,000 alerts (max_alerts unlimited).
        std::uint64_t maxBodyMemory = 16 * 1024 * 1024; /// Bodies of all requests under way, together.
        int maxConnections = 16;                        /// Requests served at once (worker threads).
        int maxIdleConnections = 1024;                  /// Connections parked while no request is under way.
        std::int64_t requestTimeoutMs = 10000;
        std::int64_t keepAliveTimeoutMs = 15000;
    } http;

    struct Webhook
    {
        std::string bearerToken;
        std::string basicUsername;
        std::string basicPassword;

        bool authenticationConfigured() const { return !bearerToken.empty() || !basicUsername.empty(); }
    } webhook;

    struct Store
    {
        std::string path = "alertgate.db";
        std::int64_t busyTimeoutMs = 5000;
        std::int64_t commitTimeoutMs = 10000;
        std::int64_t retentionMs = 90LL * 24 * 3600 * 1000; /// 0: keep everything.
    } store;

    struct Log
    {
        std::string level = "information";
    } log;

    struct Delivery
    {
        std::int64_t retryInitialMs = 1000;
        std::int64_t retryMaxMs = 5 * 60 * 1000;
        std::int64_t maxAgeMs = 24 * 3600 * 1000;
    } delivery;

    struct Heartbeat
    {
        std::string alertname = "Watchdog";
        std::int64_t timeoutMs = 0;  /// 0: no dead man's switch.
        bool requireAtStart = false; /// Blind after timeoutMs from start-up when no heartbeat ever came.
        std::string blindLamps = "red:flash, yellow:flash"; /// TowerState::parse spec.
        std::string blindSound = "blind"; /// Buzzer pattern name while blind; empty: silent.
    } heartbeat;

    struct Tower
    {
        std::string protocol = "http"; /// http (NH series /api/control) | pns (TCP, binary)
        std::string model = "nh";      /// nh (NH series: PNS product code XX) | la6 (LA6-POE: AB)
        std::string host;              /// Empty: no tower.
        std::uint16_t port = 0;        /// 0: 80 for http, 10000 for pns.
        std::int64_t timeoutMs = 3000;
        std::int64_t reassertMs = 60000;
        std::int64_t retryInitialMs = 1000;
        std::int64_t retryMaxMs = 60000;

        bool enabled() const { return !host.empty(); }
        std::uint16_t effectivePort() const { return port != 0 ? port : (protocol == "pns" ? 10000 : 80); }
    } tower;

    struct Lamp
    {
        /// Severity -> TowerState::parse spec; the tower shows the combination over all active alerts.
        std::map<std::string, std::string> severities{
            {"critical", "red:on"}, {"warning", "yellow:on"}, {"alert", "green:flash"}};
        /// Severity -> buzzer pattern name ([buzzer] pattern.NAME); the buzzer sounds only where configured.
        std::map<std::string, std::string> sound{{"critical", "critical"}, {"warning", "warning"}};
        std::vector<std::string> order{"critical", "warning", "alert", "info"}; /// Highest first.
        /// Labels that group alerts for the tower: in a group only its most severe alerts light their
        /// lamps (the original setup's one level per alertname+instance). Empty: every alert lights.
        std::vector<std::string> groupBy{"alertname", "instance"};
        bool showSuppressed = false; /// Light alerts that Alertmanager reports silenced or inhibited.
    } lamp;

    struct Alerts
    {
        std::int64_t staleAfterMs = 0; /// 0: active alerts never go stale (StaleAlerts).
    } alerts;

    struct Alertmanager
    {
        std::vector<std::string> urls; /// Empty: no reconciliation. Several: the peers of an HA pair.
        std::string bearerToken;       /// A credential: never logged.
        std::string username;
        std::string password;
        std::string caFile;
        std::int64_t timeoutMs = 5000;
        std::int64_t reconcileIntervalMs = 60000;
        bool enabled() const { return !urls.empty(); }
    } alertmanager;

    struct Slack
    {
        std::string webhookUrl; /// A credential: never logged.
        std::string matchers;
        bool sendResolved = true;
        std::string titleTemplate;
        std::string alertTemplate;
        std::string caFile;
        std::int64_t timeoutMs = 10000;
        /// App mode (instead of webhook_url): a bot token (a credential: never logged) with chat:write,
        /// the conversation to post in, and whether later changes also reply in the message's thread.
        std::string botToken;
        std::string channel;
        bool threadReplies = false;
        std::string apiUrl = "https://slack.com/api"; /// Slack's Web API (a test points it elsewhere).

        bool appMode() const { return !botToken.empty(); }
        bool enabled() const { return !webhookUrl.empty() || appMode(); }
    } slack;

    struct Email
    {
        std::string smtpHost;
        std::uint16_t smtpPort = 0; /// 0: 587 for starttls, 465 for tls, 25 for none.
        std::string security = "starttls";
        std::string username;
        std::string password;
        std::string from;
        std::vector<std::string> to;
        std::string matchers;
        bool sendResolved = true;
        std::string subjectTemplate;
        std::string textTemplate;
        std::string htmlTemplate;
        std::string caFile;
        std::int64_t timeoutMs = 30000;

        bool enabled() const { return !smtpHost.empty(); }
        std::uint16_t port() const;
    } email;

    struct Buzzer
    {
        std::string chip;       /// Empty: no buzzer. A name ("gpiochip0"), a path, a label or a number.
        std::string line;       /// An offset on the chip ("17") or a line name ("BUZZER").
        bool activeLow = false; /// The buzzer sounds when the line is low.
        std::int64_t maxSoundingMs = 5 * 60 * 1000;
        std::vector<BuzzerPattern> patterns = {
            {"critical", std::chrono::milliseconds(500), std::chrono::milliseconds(500)},
            {"warning", std::chrono::milliseconds(200), std::chrono::milliseconds(1800)},
            {"blind", std::chrono::milliseconds(100), std::chrono::milliseconds(900)},
        };
        std::string buttonLine;      /// Empty: no silence button. A line on the same chip.
        bool buttonActiveLow = true; /// Pressed pulls the line low (a switch to ground, pull-up).
        std::int64_t buttonDebounceMs = 50;

        bool enabled() const { return !chip.empty(); }
        std::optional<BuzzerPattern> pattern(const std::string& name) const;
        /// The pattern configured under that name (pattern.NAME), if any.
    } buzzer;
};

} // namespace AlertGate
