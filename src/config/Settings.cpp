#include "config/Settings.h"

namespace AlertGate {

std::uint16_t Settings::Email::port() const
{
    if (smtpPort != 0) return smtpPort;
    return security == "tls" ? 465 : security == "none" ? 25 : 587;
}

std::vector<std::string> Settings::keysNeedingRestart(const Settings& fresh) const
{
    std::vector<std::string> keys;
    auto check = [&](bool changed, const char* key) {
        if (changed) keys.push_back(key);
    };
    check(http.host != fresh.http.host || http.port != fresh.http.port, "http.listen");
    check(http.maxBodyBytes != fresh.http.maxBodyBytes, "http.max_body_size");
    check(http.maxConnections != fresh.http.maxConnections, "http.max_connections");
    check(http.requestTimeoutMs != fresh.http.requestTimeoutMs, "http.request_timeout");
    check(http.keepAliveTimeoutMs != fresh.http.keepAliveTimeoutMs, "http.keepalive_timeout");
    check(store.path != fresh.store.path, "store.path");
    check(store.busyTimeoutMs != fresh.store.busyTimeoutMs, "store.busy_timeout");
    check(store.commitTimeoutMs != fresh.store.commitTimeoutMs, "store.commit_timeout");
    return keys;
}

} // namespace AlertGate
