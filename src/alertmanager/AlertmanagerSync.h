#pragma once

#include "alertmanager/ReconcilePlan.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace AlertGate {

/// Reconciliation with Alertmanager, one round per step: ask which alerts it holds, compare with the
/// alerts held here as firing, and have the store apply the difference. No thread and no clock of its
/// own; the caller says what time it is and runs the next round when step() says.
class AlertmanagerSync
{
public:
    struct Parts
    {
        std::function<AlertmanagerAlerts()> ask;         /// Throws AlertmanagerError when unreachable.
        std::function<std::vector<HeldAlert>()> held;    /// Firing alerts, read from the store.
        std::function<void(const ReconcilePlan&)> apply; /// Written by the store; throws on failure.
        std::function<void(bool reached, std::size_t resolved)> observe; /// Metrics and the log.
    };

    AlertmanagerSync(Parts parts, std::int64_t intervalMicros);

    std::int64_t step(std::int64_t nowMicros);
    /// Runs one round (when due) and returns when the next one is due. A round that cannot reach
    /// Alertmanager or cannot write changes nothing and is tried again after the interval.

    const std::string& lastError() const { return _lastError; }
    /// Why the last round failed; empty after a round that worked.

private:
    void round(std::int64_t nowMicros);

    Parts _parts;
    std::int64_t _intervalMicros;
    std::int64_t _dueMicros = 0;
    std::string _lastError;
};

} // namespace AlertGate
