#pragma once

#include "config/Settings.h"
#include "core/Notification.h"

#include <cstdint>
#include <optional>
#include <string>

namespace AlertGate {

/// The dead man's switch as a pure rule: from the newest sighting of the heartbeat alert and the time,
/// whether monitoring is blind, since when, and when that can next change on its own. A heartbeat that
/// Alertmanager reports resolved means Prometheus stopped sending it: blind at once, not a heartbeat.
class HeartbeatMonitor
{
public:
    /// The newest sighting of the heartbeat alert.
    struct Sighting
    {
        std::int64_t atMicros = 0;
        bool firing = true;
    };

    struct Verdict
    {
        bool blind = false;
        bool resolved = false;              /// Blind because the heartbeat was resolved.
        std::int64_t sinceMicros = 0;       /// When monitoring went blind.
        std::optional<std::int64_t> change; /// When the verdict changes unless a new sighting comes.
    };

    explicit HeartbeatMonitor(const Settings::Heartbeat& heartbeat);

    Verdict evaluate(const std::optional<Sighting>& newest, std::int64_t nowMicros);
    /// The first call's time stands for the start-up (require_at_start counts from it).

    std::optional<Notification> announcement(const Verdict& verdict,
                                             const std::optional<std::string>& announcedSince,
                                             std::int64_t nowMicros) const;
    /// The notification to store when the verdict differs from what the store shows as announced
    /// (announcedSince: startsAt of the firing notice): the lapse, or the return. None: nothing to say.

private:
    const Settings::Heartbeat& _heartbeat;
    std::optional<std::int64_t> _startedMicros;
};

} // namespace AlertGate
