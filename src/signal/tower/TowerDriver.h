#pragma once

#include "config/Settings.h"
#include "core/Backoff.h"
#include "core/Clock.h"
#include "signal/tower/PatliteClient.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace AlertGate {

/// Brings the tower to the desired state, one command at a time: a change goes out at once unless the
/// tower is failing (then the backoff decides when), and an unchanged state is re-asserted every
/// reassert_interval so a tower that rebooted comes back right. Driven by one thread (drive());
/// status() may be read from any.
class TowerDriver
{
public:
    struct Status
    {
        bool up = false;
        std::string applied; /// The last digits the tower took; empty before the first success.
        std::string lastError;
        std::int64_t failures = 0; /// Consecutive failed commands.
    };

    using Jitter = std::function<double()>;
    /// A number in [0, 1) per retry (Backoff's jitterUnit); 0.5 is no jitter.

    TowerDriver(std::unique_ptr<PatliteClient> client, const Settings::Tower& tower, const Clock& clock,
                Jitter jitter = {});
    /// Without jitter, a random one.

    std::int64_t drive(const TowerState& desired, std::int64_t nowMicros);
    /// Sends the desired state if it is due; returns when it is next due (Clock time, microseconds).

    Status status() const;

private:
    void record(const TowerState& desired, const TowerAnswer& answer);

    std::unique_ptr<PatliteClient> _client;
    const Settings::Tower& _tower;
    const Clock& _clock;
    Backoff _backoff;
    Jitter _jitter;

    // The driving thread only.
    std::optional<TowerState> _applied;
    std::int64_t _nextAttemptMicros = 0;
    bool _disabledReported = false;

    mutable std::mutex _mutex;
    Status _status;
};

} // namespace AlertGate
