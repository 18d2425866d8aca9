#include "signal/Reconciler.h"

#include "core/Rfc3339.h"
#include "signal/heartbeat/HeartbeatNotice.h"
#include "signal/tower/PatliteHttpClient.h"
#include "signal/tower/PnsClient.h"
#include "store/StoreError.h"

#include <Poco/Logger.h>

#include <algorithm>

namespace AlertGate {

namespace {

constexpr std::int64_t STORE_RETRY_MICROS = 1000 * 1000;
// Stale alerts leave the tower when they pass stale_after: a minute later at most.
constexpr std::int64_t LONGEST_STALE_CHECK_MICROS = 60 * 1000 * 1000;

Poco::Logger& logger()
{
    return Poco::Logger::get("tower");
}

} // namespace

Reconciler::Reconciler(const Settings& settings, const Clock& clock, std::unique_ptr<PatliteClient> tower,
                       BuzzerSink* buzzer, std::map<std::string, BuzzerPattern> patterns, Announce announce,
                       TowerDriver::Jitter jitter)
    : _settings(settings), _rule(settings.lamp, settings.heartbeat), _heartbeat(settings.heartbeat),
      _tower(tower ? std::make_unique<TowerDriver>(std::move(tower), settings.tower, clock, std::move(jitter))
                   : nullptr),
      _buzzer(buzzer, std::move(patterns)), _announce(std::move(announce)),
      _query(settings.store.path, settings.store.busyTimeoutMs),
      _loop("reconciler", clock, [this](std::int64_t now) { return step(now); })
{
    if (settings.alerts.staleAfterMs > 0)
        _stale =
            std::make_unique<StaleAlerts>(settings.store.path, settings.store.busyTimeoutMs,
                                          settings.alerts.staleAfterMs * 1000, settings.heartbeat.alertname);
    _status.towerConfigured = _tower != nullptr;
}

std::unique_ptr<PatliteClient> Reconciler::makeClient(const Settings::Tower& tower)
{
    if (!tower.enabled())
        return nullptr;
    const std::chrono::milliseconds timeout(tower.timeoutMs);
    if (tower.protocol == "pns")
        return std::make_unique<PnsClient>(tower.host, tower.effectivePort(), timeout,
                                           PnsFrame::model(tower.model));
    return std::make_unique<PatliteHttpClient>(tower.host, tower.effectivePort(), timeout);
}

void Reconciler::setSilenceCheck(LampState::SilenceCheck check)
{
    _silenced = std::move(check);
}

void Reconciler::start()
{
    _loop.start();
}

void Reconciler::stop()
{
    _loop.stop();
}

void Reconciler::wake()
{
    _loop.wake();
}

Reconciler::Status Reconciler::status() const
{
    Status status;
    {
        std::lock_guard<std::mutex> lock(_statusMutex);
        status = _status;
    }
    if (_tower)
    {
        TowerDriver::Status tower = _tower->status();
        status.towerUp = tower.up;
        status.applied = tower.applied;
        status.lastError = tower.lastError;
        status.failures = tower.failures;
    }
    return status;
}

// The heartbeat and its notice are shown by the blind state, not as alerts of their own.
Reconciler::Observation Reconciler::observe(std::int64_t now)
{
    if (_stale)
    {
        int stale = _stale->resolve(now);
        if (stale > 0)
            logger().notice("%d alert(s) not re-notified within stale_after: recorded as resolved (stale)",
                            stale);
    }
    SignalSnapshot snapshot = _query.read(_settings.heartbeat.alertname, HeartbeatNotice::FINGERPRINT);
    Observation observation;
    for (const auto& alert : snapshot.active)
    {
        if (alert.alertname == _settings.heartbeat.alertname ||
            alert.fingerprint == HeartbeatNotice::FINGERPRINT)
            continue;
        observation.active.push_back({alert.severity, Rfc3339::parseMicros(alert.firstSeenAt).value_or(0),
                                      alert.fingerprint, alert.labels, !alert.suppressed.empty()});
    }
    if (snapshot.heartbeat)
        observation.heartbeat = HeartbeatMonitor::Sighting{
            Rfc3339::parseMicros(snapshot.heartbeat->lastSeenAt).value_or(0), snapshot.heartbeat->firing};
    observation.blindAnnouncedSince = snapshot.noticeSince;
    return observation;
}

// The store says whether the lapse was announced, so a restart neither repeats nor forgets it. A failed
// announcement is tried again at the next step.
bool Reconciler::announce(const HeartbeatMonitor::Verdict& verdict, const Observation& observation,
                          std::int64_t now)
{
    if (!_announce)
        return true;
    auto notice = _heartbeat.announcement(verdict, observation.blindAnnouncedSince, now);
    if (!notice || _announce(std::move(*notice)))
        return true;
    logger().error("cannot store the heartbeat %s message; trying again",
                   std::string(verdict.blind ? "lapse" : "recovery"));
    return false;
}

void Reconciler::publish(const SignalState& desired, const HeartbeatMonitor::Verdict& verdict,
                         const Observation& observation)
{
    std::lock_guard<std::mutex> lock(_statusMutex);
    if (verdict.blind != _status.blind)
    {
        if (verdict.resolved)
            logger().error("the %s alert was resolved (Prometheus stopped sending it): monitoring is blind",
                           _settings.heartbeat.alertname);
        else if (verdict.blind)
            logger().error("no %s alert for %s ms: monitoring is blind", _settings.heartbeat.alertname,
                           std::to_string(_settings.heartbeat.timeoutMs));
        else
            logger().notice("the %s alert is back: monitoring recovered", _settings.heartbeat.alertname);
    }
    _status.desired = desired.tower.digits();
    _status.blind = desired.blind;
    _status.silenced = desired.silenced;
    _status.buzzerPattern = desired.buzzerPattern;
    _status.lighting = desired.lighting;
    _status.lastHeartbeatMicros.reset();
    if (observation.heartbeat)
        _status.lastHeartbeatMicros = observation.heartbeat->atMicros;
}

std::int64_t Reconciler::step(std::int64_t now)
{
    Observation observation;
    try
    {
        observation = observe(now);
    }
    catch (const StoreError& e)
    {
        logger().error("cannot read the active alerts: %s", std::string(e.what()));
        return now + STORE_RETRY_MICROS;
    }
    const HeartbeatMonitor::Verdict verdict = _heartbeat.evaluate(observation.heartbeat, now);
    const std::int64_t announceAt =
        announce(verdict, observation, now) ? WorkerLoop::IDLE : now + STORE_RETRY_MICROS;
    const SignalState desired = _rule.desired(observation.active, verdict.blind, _silenced);
    publish(desired, verdict, observation);
    _buzzer.apply(desired.buzzerPattern);
    const std::int64_t towerAt = _tower ? _tower->drive(desired.tower, now) : WorkerLoop::IDLE;
    const std::int64_t staleAt =
        _stale && !observation.active.empty()
            ? now + std::min(_settings.alerts.staleAfterMs * 1000, LONGEST_STALE_CHECK_MICROS)
            : WorkerLoop::IDLE;
    return std::min({towerAt, verdict.change.value_or(WorkerLoop::IDLE), staleAt, announceAt});
}

} // namespace AlertGate
