#pragma once

#include "core/Alert.h"

#include <cstdint>
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
    std::vector<Alert> alerts;
    std::string rawPayload; /// The request body exactly as received.
};

} // namespace AlertGate
