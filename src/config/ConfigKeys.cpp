#include "config/ConfigKeys.h"

#include "config/KeySlots.h"

namespace AlertGate {

// A field of Settings, for const and non-const Settings alike; the slots read and write through it.
// clang-format off
#define FIELD(member) [](auto& s) -> auto& { return s.member; }
// clang-format on

// Adding a key: its field (with its default) in Settings.h, one line here, its comment block in
// conf/alertgate.ini; then KeyReferenceTest writes the man page with it (alertgate.8.generated) and
// ConfigKeysTest checks the example and the default.
const std::vector<ConfigKey>& ConfigKeys::all()
{
    using namespace KeySlots;
    using R = Reload;
    constexpr std::int64_t second = 1000, minute = 60 * second, hour = 60 * minute, day = 24 * hour;
    // clang-format off
    static const std::vector<ConfigKey> keys = {
        {"http.listen", listen(), "127.0.0.1:9098", R::Restart, "Address and port to listen on ([::1]:9098 for IPv6; port 0: any free port)."},
        {"http.max_body_size", bytes(FIELD(http.maxBodyBytes), 1024, 64 << 20), "8MiB", R::Restart, "Largest webhook body accepted (about 13,000 alerts); larger ones are answered 413."},
        {"http.max_body_memory", bytes(FIELD(http.maxBodyMemory), 1 << 20, std::int64_t(1) << 30), "16MiB", R::Restart, "Memory for the bodies of all requests under way together (at least max_body_size)."},
        {"http.max_connections", integer(FIELD(http.maxConnections), 1, 1024), "16", R::Restart, "Requests served at once (worker threads)."},
        {"http.max_idle_connections", integer(FIELD(http.maxIdleConnections), 1, 65536), "1024", R::Restart, "Connections that may wait parked for their request head."},
        {"http.request_timeout", duration(FIELD(http.requestTimeoutMs), 100, 5 * minute), "10s", R::Restart, "How long a client may take to send its whole request, head and body; then each write of the answer."},
        {"http.keepalive_timeout", duration(FIELD(http.keepAliveTimeoutMs), 0, hour), "15s", R::Restart, "How long a kept-alive connection may stay idle; 0 closes it after one request."},
        {"webhook.bearer_token", text(FIELD(webhook.bearerToken), nonEmpty), "", R::Applies, "Bearer token required under /api/."},
        {"webhook.bearer_token_file", secretFile(text(FIELD(webhook.bearerToken), nonEmpty)), "", R::Applies, "A file holding the bearer token."},
        {"webhook.basic_username", text(FIELD(webhook.basicUsername), nonEmpty), "", R::Applies, "Basic authentication user name required under /api/."},
        {"webhook.basic_password", text(FIELD(webhook.basicPassword), nonEmpty), "", R::Applies, "Basic authentication password."},
        {"webhook.basic_password_file", secretFile(text(FIELD(webhook.basicPassword), nonEmpty)), "", R::Applies, "A file holding the basic authentication password."},
        {"store.path", path(FIELD(store.path)), "alertgate.db", R::Restart, "The SQLite history database."},
        {"store.busy_timeout", duration(FIELD(store.busyTimeoutMs), 100, 10 * minute), "5s", R::Restart, "How long a database connection waits for a lock."},
        {"store.commit_timeout", duration(FIELD(store.commitTimeoutMs), 100, 10 * minute), "10s", R::Restart, "How long a webhook waits for its commit before it is answered 503."},
        {"store.retention", duration(FIELD(store.retentionMs), 0, 100 * 365 * day), "90d", R::Restart, "History older than this is deleted in small batches and the file shrinks; alerts still firing and undelivered messages are kept; 0s keeps everything."},
        {"log.level", words(FIELD(log.level), {"fatal", "critical", "error", "warning", "notice", "information", "debug", "trace"}), "information", R::Applies, "The lowest level logged (to standard error, the journal)."},
        {"heartbeat.alertname", text(FIELD(heartbeat.alertname), nonEmpty), "Watchdog", R::Restart, "The heartbeat alert, recorded but never sent as a message."},
        {"heartbeat.timeout", duration(FIELD(heartbeat.timeoutMs), 0, 7 * day), "0s", R::Restart, "Monitoring is blind when no heartbeat arrived for this long; 0s: off."},
        {"heartbeat.require_at_start", boolean(FIELD(heartbeat.requireAtStart)), "false", R::Restart, "Count the timeout from start-up, before any heartbeat arrived."},
        {"heartbeat.blind_lamps", text(FIELD(heartbeat.blindLamps), lampSpec), "red:flash, yellow:flash", R::Restart, "The tower lamps shown while blind."},
        {"heartbeat.blind_sound", text(FIELD(heartbeat.blindSound), anyText), "blind", R::Restart, "The buzzer pattern sounded while blind; empty: none."},
        {"alerts.stale_after", duration(FIELD(alerts.staleAfterMs), 0, 30 * day), "0s", R::Restart, "An active alert not re-notified for this long is resolved as stale; 0s: never."},
        {"alertmanager.url", httpUrls(FIELD(alertmanager.urls)), "", R::Restart, "Alertmanager's base URL, for reconciliation with its API (GET /api/v2/alerts); several, comma-separated, for an HA pair; empty: off."},
        {"alertmanager.bearer_token", text(FIELD(alertmanager.bearerToken), hostName), "", R::Restart, "A bearer token to send to Alertmanager."},
        {"alertmanager.bearer_token_file", secretFile(text(FIELD(alertmanager.bearerToken), hostName)), "", R::Restart, "A file holding that bearer token."},
        {"alertmanager.username", text(FIELD(alertmanager.username), hostName), "", R::Restart, "Basic authentication user name for Alertmanager."},
        {"alertmanager.password", text(FIELD(alertmanager.password), nonEmpty), "", R::Restart, "Basic authentication password for Alertmanager."},
        {"alertmanager.password_file", secretFile(text(FIELD(alertmanager.password), nonEmpty)), "", R::Restart, "A file holding that password."},
        {"alertmanager.ca_file", path(FIELD(alertmanager.caFile)), "", R::Restart, "CA certificates (PEM) to verify an https Alertmanager with instead of the system's."},
        {"alertmanager.timeout", duration(FIELD(alertmanager.timeoutMs), 100, 5 * minute), "5s", R::Restart, "How long Alertmanager may take to answer."},
        {"alertmanager.reconcile_interval", duration(FIELD(alertmanager.reconcileIntervalMs), second, day), "1m", R::Restart, "How often alertgate asks Alertmanager (and once at start-up)."},
        {"tower.protocol", words(FIELD(tower.protocol), {"http", "pns"}), "http", R::Restart, "http (NH series HTTP command control) or pns (PATLITE's binary protocol over TCP)."},
        {"tower.model", words(FIELD(tower.model), {"nh", "la6"}), "nh", R::Restart, "nh: NH series (PNS product code XX); la6: LA6-POE (PNS product code AB). The HTTP command is the same for both."},
        {"tower.host", text(FIELD(tower.host), hostName), "", R::Restart, "The PATLITE tower's address; empty: no tower."},
        {"tower.port", integer(FIELD(tower.port), 0, 65535), "0", R::Restart, "The tower's port; 0: 80 for http, 10000 for pns."},
        {"tower.timeout", duration(FIELD(tower.timeoutMs), 100, minute), "3s", R::Restart, "How long the tower may take to answer a command."},
        {"tower.reassert_interval", duration(FIELD(tower.reassertMs), 100, day), "1m", R::Restart, "The state is sent again this often."},
        {"tower.retry_initial", duration(FIELD(tower.retryInitialMs), 50, hour), "1s", R::Restart, "The first retry delay after a failed command."},
        {"tower.retry_max", duration(FIELD(tower.retryMaxMs), 50, hour), "1m", R::Restart, "The longest retry delay."},
        {"lamp.sound", severityPatterns(FIELD(lamp.sound)), "critical:critical, warning:warning", R::Restart, "Which severities sound the buzzer, with which pattern (SEVERITY:PATTERN pairs)."},
        {"lamp.group_by", labelNames(FIELD(lamp.groupBy)), "alertname, instance", R::Restart, "Alerts with the same values of these labels form a group, and only its most severe active alerts light their lamps (the original setup's rule); empty: every active severity lights."},
        {"lamp.show_suppressed", boolean(FIELD(lamp.showSuppressed)), "false", R::Restart, "Light the lamps of alerts that Alertmanager reports silenced or inhibited ([alertmanager])."},
        {"lamp.SEVERITY", lampSeverity(), "", R::Restart, "The lamps a severity lights (critical = red:on); the defaults are critical = red:on, warning = yellow:on, alert = green:flash."},
        {"delivery.retry_initial", duration(FIELD(delivery.retryInitialMs), 100, hour), "1s", R::Restart, "The first retry delay of a failed delivery."},
        {"delivery.retry_max", duration(FIELD(delivery.retryMaxMs), second, day), "5m", R::Restart, "The longest retry delay of a failed delivery."},
        {"delivery.max_age", duration(FIELD(delivery.maxAgeMs), minute, 30 * day), "24h", R::Restart, "A message not delivered by this age is given up (dead)."},
        {"slack.webhook_url", text(FIELD(slack.webhookUrl), httpsUrl), "", R::Applies, "The Incoming Webhook URL; empty: no Slack channel (turning it on or off takes a restart)."},
        {"slack.webhook_url_file", secretFile(text(FIELD(slack.webhookUrl), httpsUrl)), "", R::Applies, "A file holding the webhook URL."},
        {"slack.matchers", text(FIELD(slack.matchers), matchers), "", R::Restart, "Which alerts go to Slack (Alertmanager matchers); empty: all."},
        {"slack.send_resolved", boolean(FIELD(slack.sendResolved)), "true", R::Restart, "Send resolved alerts too."},
        {"slack.title_template", path(FIELD(slack.titleTemplate)), "", R::Applies, "A Mustache template file for the message title; empty: built in."},
        {"slack.alert_template", path(FIELD(slack.alertTemplate)), "", R::Applies, "A Mustache template file for each alert; empty: built in."},
        {"slack.ca_file", path(FIELD(slack.caFile)), "", R::Applies, "CA certificates (PEM) to verify the server with instead of the system's."},
        {"slack.timeout", duration(FIELD(slack.timeoutMs), 100, 5 * minute), "10s", R::Applies, "How long one post may take."},
        {"slack.bot_token", text(FIELD(slack.botToken), hostName), "", R::Restart, "App mode: the bot token (xoxb-...; the app needs the chat:write scope and must be in the channel)."},
        {"slack.bot_token_file", secretFile(text(FIELD(slack.botToken), hostName)), "", R::Restart, "A file holding the bot token."},
        {"slack.channel", text(FIELD(slack.channel), nonEmpty), "", R::Restart, "App mode: the channel to post in (#alerts or its id)."},
        {"slack.thread_replies", boolean(FIELD(slack.threadReplies)), "false", R::Restart, "App mode: also reply in the message's thread on each change of its group."},
        {"slack.api_url", text(FIELD(slack.apiUrl), httpsBaseUrl), "https://slack.com/api", R::Restart, "App mode: Slack's Web API."},
        {"email.smtp_host", text(FIELD(email.smtpHost), hostName), "", R::Applies, "The SMTP server; empty: no email channel (turning it on or off takes a restart)."},
        {"email.smtp_port", integer(FIELD(email.smtpPort), 0, 65535), "0", R::Applies, "The SMTP port; 0: 587 for starttls, 465 for tls, 25 for none."},
        {"email.security", words(FIELD(email.security), {"starttls", "tls", "none"}), "starttls", R::Applies, "starttls, tls or none (none refuses credentials)."},
        {"email.username", text(FIELD(email.username), hostName), "", R::Applies, "The SMTP user name."},
        {"email.password", text(FIELD(email.password), nonEmpty), "", R::Applies, "The SMTP password."},
        {"email.password_file", secretFile(text(FIELD(email.password), nonEmpty)), "", R::Applies, "A file holding the SMTP password."},
        {"email.from", mailbox(FIELD(email.from)), "", R::Applies, "The sender address."},
        {"email.to", mailboxes(FIELD(email.to)), "", R::Applies, "The recipients, separated by commas."},
        {"email.matchers", text(FIELD(email.matchers), matchers), "", R::Restart, "Which alerts go by email (Alertmanager matchers); empty: all."},
        {"email.send_resolved", boolean(FIELD(email.sendResolved)), "true", R::Restart, "Send resolved alerts too."},
        {"email.subject_template", path(FIELD(email.subjectTemplate)), "", R::Applies, "A Mustache template file for the subject; empty: built in."},
        {"email.text_template", path(FIELD(email.textTemplate)), "", R::Applies, "A Mustache template file for the plain text part; empty: built in."},
        {"email.html_template", path(FIELD(email.htmlTemplate)), "", R::Applies, "A Mustache template file for the HTML part; empty: built in."},
        {"email.ca_file", path(FIELD(email.caFile)), "", R::Applies, "CA certificates (PEM) to verify the server with instead of the system's."},
        {"email.timeout", duration(FIELD(email.timeoutMs), second, 5 * minute), "30s", R::Applies, "How long one SMTP session may take."},
        {"buzzer.chip", text(FIELD(buzzer.chip), nonEmpty), "", R::Restart, "The GPIO chip (gpiochip0, a path, a label or a number); empty: no buzzer."},
        {"buzzer.line", text(FIELD(buzzer.line), nonEmpty), "", R::Restart, "The buzzer's line: an offset (17) or a line name."},
        {"buzzer.active_low", boolean(FIELD(buzzer.activeLow)), "false", R::Restart, "The buzzer sounds when the line is low."},
        {"buzzer.max_sounding", duration(FIELD(buzzer.maxSoundingMs), second, day), "5m", R::Restart, "The buzzer goes quiet after sounding this long."},
        {"buzzer.pattern.NAME", buzzerPattern(), "", R::Restart, "A named cadence ON/OFF (500ms/500ms); built in: critical 500ms/500ms, warning 200ms/1800ms, blind 100ms/900ms."},
        {"buzzer.button_line", text(FIELD(buzzer.buttonLine), nonEmpty), "", R::Restart, "A silence button's line on the same chip; empty: none."},
        {"buzzer.button_active_low", boolean(FIELD(buzzer.buttonActiveLow)), "true", R::Restart, "Pressed pulls the line low."},
        {"buzzer.button_debounce", duration(FIELD(buzzer.buttonDebounceMs), 1, 5 * second), "50ms", R::Restart, "How long the button must stay pressed."},
    };
    // clang-format on
    return keys;
}

#undef FIELD

const ConfigKey* ConfigKeys::find(const std::string& fullName, std::string& wildcard)
{
    // Exact names first: lamp.sound is not the lamp of a severity called "sound".
    for (const auto& key : all())
        if (key.name == fullName)
            return &key;
    for (const auto& key : all())
        if (key.matches(fullName, wildcard))
            return &key;
    return nullptr;
}

namespace {

std::vector<std::string> changedKeys(const Settings& running, const Settings& fresh, Reload reload)
{
    std::vector<std::string> names;
    for (const auto& key : ConfigKeys::all())
        if (key.reload == reload)
            for (auto& name : key.slot.changed(running, fresh, key.name))
                names.push_back(std::move(name));
    return names;
}

} // namespace

std::vector<std::string> ConfigKeys::needingRestart(const Settings& running, const Settings& fresh)
{
    auto names = changedKeys(running, fresh, Reload::Restart);
    // The dispatchers are made at start-up, one per channel that is on.
    if (running.slack.enabled() != fresh.slack.enabled())
        names.push_back("slack.webhook_url");
    if (running.email.enabled() != fresh.email.enabled())
        names.push_back("email.smtp_host");
    return names;
}

std::vector<std::string> ConfigKeys::applying(const Settings& running, const Settings& fresh)
{
    return changedKeys(running, fresh, Reload::Applies);
}

} // namespace AlertGate
