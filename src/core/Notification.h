#pragma once

#include "core/Alert.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace AlertGate {

/// An Alertmanager webhook notification (payload version 4).
struct Notification
{
    std::string version;
    std::string status;
    std::string receiver;
    std::string groupKey;
    LabelSet groupLabels;
    LabelSet commonLabels;
    LabelSet commonAnnotations;
    std::string externalURL;
    std::uint64_t truncatedAlerts = 0;
    std::optional<std::string> notificationReason; /// Alertmanager >= 0.32 ("new", "repeat"...); optional.
    LabelSet routeLabels;                          /// Alertmanager >= 0.34; optional, empty when absent.
    std::vector<Alert> alerts;
    std::string rawPayload; /// The request body exactly as received.
};

} // namespace AlertGate
