#pragma once

#include "config/Settings.h"
#include "core/Backoff.h"
#include "core/BuzzerPattern.h"
#include "core/Clock.h"
#include "core/Notification.h"
#include "signal/LampState.h"
#include "signal/buzzer/BuzzerSink.h"
#include "signal/tower/PatliteClient.h"
#include "store/SignalQuery.h"
#include "store/StaleAlerts.h"

#include <Poco/Runnable.h>
#include <Poco/Thread.h>

#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>

namespace AlertGate {

/// Drives the tower and the buzzer towards LampState's desired state on a thread of its own: only the
/// latest desired state matters, so nothing queues up and the webhook path never waits on a device.
/// Woken after commits and silences; otherwise it sleeps until the next retry (backoff), re-assertion
/// (a tower that rebooted comes back right) or heartbeat deadline.
class Reconciler : public Poco::Runnable
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
        std::int64_t failures = 0; /// Consecutive failed commands.
    };

    using Announce = std::function<bool(Notification)>;

    Reconciler(const Settings& settings, const Clock& clock, std::unique_ptr<PatliteClient> tower,
               BuzzerSink* buzzer, std::map<std::string, BuzzerPattern> patterns, Announce announce);
    /// tower and buzzer may be null (not configured). patterns resolve the pattern names of [lamp] sound.
    /// announce stores a notification durably (true once committed): the heartbeat's lapse and return.
    ~Reconciler() override;

    void setSilenceCheck(LampState::SilenceCheck check);
    /// Before start(): how to ask whether a silence covers the newest sounding activation.

    void start();
    void stop();
    /// Returns once the command in flight, if any, has ended.
    void wake();

    Status status() const;

    void run() override;

    static std::unique_ptr<PatliteClient> makeClient(const Settings::Tower& tower);
    /// Null when no tower is configured.

private:
    struct Observation
    {
        std::vector<SignalAlert> active;
        std::optional<std::int64_t> lastHeartbeatMicros;
        std::optional<std::string> blindAnnouncedSince; /// startsAt of the firing heartbeat notice.
    };

    std::chrono::milliseconds step();
    Observation observe();
    bool isBlind(const Observation& observation, std::int64_t now,
                 std::chrono::milliseconds& untilChange) const;
    bool announceHeartbeat(bool blind, const Observation& observation, std::int64_t now);
    void applyBuzzer(const SignalState& desired);
    std::chrono::milliseconds driveTower(const TowerState& desired, std::int64_t now);
    void record(const TowerState& desired, const TowerAnswer& answer);

    const Settings& _settings;
    const Clock& _clock;
    LampState _rule;
    std::unique_ptr<PatliteClient> _tower;
    BuzzerSink* _buzzer;
    std::map<std::string, BuzzerPattern> _patterns;
    LampState::SilenceCheck _silenced;
    Announce _announce;
    Backoff _backoff;
    std::mt19937 _random{std::random_device{}()};
    SignalQuery _query;
    std::unique_ptr<StaleAlerts> _stale; /// Null without stale_after.
    std::int64_t _startedMicros = 0;

    // Reconciler thread only.
    std::optional<TowerState> _applied;
    std::int64_t _nextAttemptMicros = 0;
    std::optional<std::optional<std::string>> _buzzerApplied;
    bool _disabledReported = false;

    mutable std::mutex _statusMutex;
    Status _status;

    std::mutex _mutex;
    std::condition_variable _wakeUp;
    bool _woken = false;
    bool _stopping = false;
    Poco::Thread _thread{"reconciler"};
};

} // namespace AlertGate
