#include "config/Settings.h"

namespace AlertGate {

std::uint16_t Settings::Email::port() const
{
    if (smtpPort != 0)
        return smtpPort;
    return security == "tls" ? 465 : security == "none" ? 25 : 587;
}

std::vector<std::string> Settings::keysNeedingRestart(const Settings& fresh) const
{
    std::vector<std::string> keys;
    auto check = [&](bool changed, const char* key) {
        if (changed)
            keys.push_back(key);
    };
    check(http.host != fresh.http.host || http.port != fresh.http.port, "http.listen");
    check(http.maxBodyBytes != fresh.http.maxBodyBytes, "http.max_body_size");
    check(http.maxBodyMemory != fresh.http.maxBodyMemory, "http.max_body_memory");
    check(http.maxConnections != fresh.http.maxConnections, "http.max_connections");
    check(http.maxIdleConnections != fresh.http.maxIdleConnections, "http.max_idle_connections");
    check(http.requestTimeoutMs != fresh.http.requestTimeoutMs, "http.request_timeout");
    check(http.keepAliveTimeoutMs != fresh.http.keepAliveTimeoutMs, "http.keepalive_timeout");
    check(store.path != fresh.store.path, "store.path");
    check(store.busyTimeoutMs != fresh.store.busyTimeoutMs, "store.busy_timeout");
    check(store.commitTimeoutMs != fresh.store.commitTimeoutMs, "store.commit_timeout");
    // The reconciler is built with its rules at start-up.
    check(tower.protocol != fresh.tower.protocol || tower.host != fresh.tower.host ||
              tower.port != fresh.tower.port || tower.timeoutMs != fresh.tower.timeoutMs ||
              tower.reassertMs != fresh.tower.reassertMs ||
              tower.retryInitialMs != fresh.tower.retryInitialMs ||
              tower.retryMaxMs != fresh.tower.retryMaxMs,
          "tower");
    check(lamp.severities != fresh.lamp.severities || lamp.sound != fresh.lamp.sound, "lamp");
    check(alerts.staleAfterMs != fresh.alerts.staleAfterMs, "alerts.stale_after");
    check(heartbeat.timeoutMs != fresh.heartbeat.timeoutMs ||
              heartbeat.requireAtStart != fresh.heartbeat.requireAtStart ||
              heartbeat.blindLamps != fresh.heartbeat.blindLamps ||
              heartbeat.blindSound != fresh.heartbeat.blindSound,
          "heartbeat");
    check(buzzer.chip != fresh.buzzer.chip, "buzzer.chip");
    check(buzzer.line != fresh.buzzer.line, "buzzer.line");
    check(buzzer.activeLow != fresh.buzzer.activeLow, "buzzer.active_low");
    check(buzzer.maxSoundingMs != fresh.buzzer.maxSoundingMs, "buzzer.max_sounding");
    check(buzzer.buttonLine != fresh.buzzer.buttonLine, "buzzer.button_line");
    check(buzzer.buttonActiveLow != fresh.buzzer.buttonActiveLow, "buzzer.button_active_low");
    check(buzzer.buttonDebounceMs != fresh.buzzer.buttonDebounceMs, "buzzer.button_debounce");
    return keys;
}

std::optional<BuzzerPattern> Settings::Buzzer::pattern(const std::string& name) const
{
    for (const auto& candidate : patterns)
        if (candidate.name == name)
            return candidate;
    return std::nullopt;
}

} // namespace AlertGate
