#pragma once

#include "core/Notification.h"

#include <kainjow/mustache.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace AlertGate {

/// What a template sees. For the message: status/statusUpper (firing when any of its alerts fires),
/// title, receiver, groupKey, externalURL, truncated/truncatedAlerts, firingCount, resolvedCount,
/// groupLabels, commonLabels, commonAnnotations, and alerts, each with: status/statusUpper,
/// firing/resolved, labels, annotations, alertname, instance, severity, summary, description,
/// colour (by severity; green when resolved), startsAt/startsAtLocal, endsAt/endsAtLocal,
/// duration, generatorURL, link (generatorURL, else Alertmanager's URL), fingerprint.
class TemplateData
{
public:
    static kainjow::mustache::data message(const Notification& notification, const std::vector<Alert>& alerts,
                                           std::int64_t nowMicros);
    static kainjow::mustache::data alert(const Notification& notification, const Alert& alert,
                                         std::int64_t nowMicros);

    static std::string colour(const Alert& alert);
    static std::string localTime(const std::string& rfc3339);
    /// "2026-11-22 21:24:41 JST" in the machine's time zone (TZ); the text as is if not a time.
    static std::string duration(std::int64_t micros);
    /// "2h 5m 3s".
};

} // namespace AlertGate
