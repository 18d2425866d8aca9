#pragma once

#include "alertmanager/AlertmanagerAlerts.h"

#include <chrono>
#include <string>
#include <vector>

namespace AlertGate {

/// Asks Alertmanager which alerts it holds (`GET /api/v2/alerts`). Several URLs are the peers of an
/// HA pair, which share their alerts by gossip: the first that answers is taken. Every request is bounded
/// by the timeout; https URLs verify the server (the system CAs, or ca_file).
class AlertmanagerClient
{
public:
    struct Options
    {
        std::vector<std::string> urls; /// Base URLs, e.g. http://127.0.0.1:9093 (a path prefix is kept).
        std::string bearerToken;       /// Sent as "Authorization: Bearer" when not empty.
        std::string username;          /// Basic authentication when not empty.
        std::string password;
        std::string caFile;
        std::chrono::milliseconds timeout{5000};
    };

    explicit AlertmanagerClient(Options options);

    AlertmanagerAlerts fetch() const;
    /// Throws AlertmanagerError naming every URL tried and why it failed.

private:
    AlertmanagerAlerts fetchFrom(const std::string& url) const;

    Options _options;
};

} // namespace AlertGate
