#pragma once

#include "core/Matcher.h"
#include "core/Notification.h"

#include <string>
#include <vector>

namespace AlertGate {

/// Decides which message channels a notification goes to, and with which of its alerts.
/// An alert goes to a channel when all the channel's matchers match its labels and, if it is
/// resolved, the channel sends resolved alerts. The heartbeat alert never goes anywhere.
class Router
{
public:
    struct Route
    {
        std::string channel;
        std::vector<Matcher> matchers;
        bool sendResolved = true;
    };

    Router(std::vector<Route> routes, std::string heartbeatAlertname);

    std::vector<std::string> channelsFor(const Notification& notification) const;
    /// The channels that get a message: those with at least one alert for them.

    std::vector<Alert> alertsFor(const std::string& channel, const Notification& notification) const;

    bool isHeartbeat(const Alert& alert) const;

private:
    bool wants(const Route& route, const Alert& alert) const;

    std::vector<Route> _routes;
    std::string _heartbeatAlertname;
};

} // namespace AlertGate
