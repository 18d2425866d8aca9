#pragma once

#include "config/Settings.h"
#include "core/BuzzerPattern.h"
#include "core/Clock.h"
#include "core/Notification.h"
#include "core/WorkerLoop.h"
#include "signal/LampState.h"
#include "signal/buzzer/BuzzerDriver.h"
#include "signal/buzzer/BuzzerSink.h"
#include "signal/heartbeat/HeartbeatMonitor.h"
#include "signal/tower/PatliteClient.h"
#include "signal/tower/TowerDriver.h"
#include "store/SignalQuery.h"
#include "store/StaleAlerts.h"

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace AlertGate {

/// Drives the tower and the buzzer towards LampState's desired state on a thread of its own: only the
/// latest desired state matters, so nothing queues up and the webhook path never waits on a device.
/// Each step reads the store (through SignalQuery; stale alerts are resolved by the store's own rule),
/// asks the heartbeat monitor and the lamp rule what to show, and hands that to the tower and buzzer
/// drivers. Woken after commits and silences; otherwise it waits for the next retry (backoff),
/// re-assertion or heartbeat deadline.
class Reconciler
{
public:
    /// What /-/ready, /metrics and GET /api/v1/signals show.
    struct Status
    {
        bool towerConfigured = false;
        bool towerUp = false;
        std::string desired; /// alert= digits.
        std::string applied; /// The last digits the tower took; empty before the first success.
        std::string lastError;
        std::optional<std::string> buzzerPattern;
        bool blind = false;
        bool silenced = false;
        std::int64_t failures = 0;                       /// Consecutive failed commands.
        std::vector<std::string> lighting;               /// Fingerprints of the alerts whose lamps are lit.
        std::optional<std::int64_t> lastHeartbeatMicros; /// When the heartbeat alert was last seen.
    };

    using Announce = std::function<bool(Notification)>;

    Reconciler(const Settings& settings, const Clock& clock, std::unique_ptr<PatliteClient> tower,
               BuzzerSink* buzzer, std::map<std::string, BuzzerPattern> patterns, Announce announce,
               TowerDriver::Jitter jitter = {});
    /// tower and buzzer may be null (not configured). patterns resolve the pattern names of [lamp] sound.
    /// announce stores a notification durably (true once committed): the heartbeat's lapse and return.
    /// jitter: the tower's retry jitter (random when none).

    void setSilenceCheck(LampState::SilenceCheck check);
    /// Before start(): how to ask whether a silence covers the newest sounding activation.

    void start();
    void stop();
    /// Returns once the command in flight, if any, has ended.
    void wake();

    Status status() const;

    std::int64_t step(std::int64_t nowMicros);
    /// One round at nowMicros; returns when the next is due (WorkerLoop::IDLE: only on a wake-up).

    static std::unique_ptr<PatliteClient> makeClient(const Settings::Tower& tower);
    /// Null when no tower is configured.

private:
    struct Observation
    {
        std::vector<SignalAlert> active;
        std::optional<HeartbeatMonitor::Sighting> heartbeat;
        std::optional<std::string> blindAnnouncedSince; /// startsAt of the firing heartbeat notice.
    };

    Observation observe(std::int64_t now);
    bool announce(const HeartbeatMonitor::Verdict& verdict, const Observation& observation, std::int64_t now);
    void publish(const SignalState& desired, const HeartbeatMonitor::Verdict& verdict,
                 const Observation& observation);

    const Settings& _settings;
    LampState _rule;
    HeartbeatMonitor _heartbeat;
    std::unique_ptr<TowerDriver> _tower; /// Null: no tower.
    BuzzerDriver _buzzer;
    LampState::SilenceCheck _silenced;
    Announce _announce;
    SignalQuery _query;
    std::unique_ptr<StaleAlerts> _stale; /// Null without stale_after.

    mutable std::mutex _statusMutex;
    Status _status; ///< Without the tower's part, which its driver keeps.

    WorkerLoop _loop; ///< Last: its thread stops before the parts it steps go.
};

} // namespace AlertGate
