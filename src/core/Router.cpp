#include "core/Router.h"

#include <algorithm>

namespace AlertGate {

Router::Router(std::vector<Route> routes, std::string heartbeatAlertname)
    : _routes(std::move(routes)), _heartbeatAlertname(std::move(heartbeatAlertname))
{
}

bool Router::isHeartbeat(const Alert& alert) const
{
    return alert.label("alertname") == _heartbeatAlertname;
}

bool Router::wants(const Route& route, const Alert& alert) const
{
    if (isHeartbeat(alert) || (!alert.firing() && !route.sendResolved))
        return false;
    return std::all_of(route.matchers.begin(), route.matchers.end(),
                       [&](const Matcher& m) { return m.matches(alert.labels); });
}

std::vector<std::string> Router::channelsFor(const Notification& notification) const
{
    std::vector<std::string> channels;
    for (const auto& route : _routes)
        if (std::any_of(notification.alerts.begin(), notification.alerts.end(),
                        [&](const Alert& a) { return wants(route, a); }))
            channels.push_back(route.channel);
    return channels;
}

std::vector<Alert> Router::alertsFor(const std::string& channel, const Notification& notification) const
{
    std::vector<Alert> alerts;
    for (const auto& route : _routes)
        if (route.channel == channel)
            std::copy_if(notification.alerts.begin(), notification.alerts.end(), std::back_inserter(alerts),
                         [&](const Alert& a) { return wants(route, a); });
    return alerts;
}

} // namespace AlertGate
