#pragma once

#include "core/BuzzerPattern.h"

#include <optional>

namespace AlertGate {

/// Where the reconciler sends the buzzer's desired state. Only the latest call matters; apply() returns
/// at once (the cadence runs elsewhere), so a slow or broken buzzer never holds up the reconciler.
class BuzzerSink
{
public:
    virtual ~BuzzerSink() = default;

    /// std::nullopt: quiet.
    virtual void apply(const std::optional<BuzzerPattern>& pattern) = 0;
};

} // namespace AlertGate
