#include "signal/Reconciler.h"

#include "core/Rfc3339.h"
#include "signal/StaleAlerts.h"
#include "signal/heartbeat/HeartbeatNotice.h"
#include "signal/tower/PatliteHttpClient.h"
#include "signal/tower/PnsClient.h"
#include "store/Database.h"
#include "store/HistoryQuery.h"
#include "store/Statement.h"
#include "store/StoreError.h"

#include <Poco/Logger.h>

#include <algorithm>

namespace AlertGate {

namespace {

using std::chrono::milliseconds;

constexpr milliseconds FOREVER{24 * 3600 * 1000};
constexpr milliseconds STORE_RETRY{1000};

Poco::Logger& logger()
{
    return Poco::Logger::get("tower");
}

std::int64_t micros(milliseconds ms)
{
    return ms.count() * 1000;
}

milliseconds until(std::int64_t deadlineMicros, std::int64_t nowMicros)
{
    return milliseconds(std::max<std::int64_t>(0, (deadlineMicros - nowMicros + 999) / 1000));
}

} // namespace

Reconciler::Reconciler(const Settings& settings, const Clock& clock, std::unique_ptr<PatliteClient> tower,
                       BuzzerSink* buzzer, std::map<std::string, BuzzerPattern> patterns, Announce announce)
    : _settings(settings), _clock(clock), _rule(settings.lamp, settings.heartbeat), _tower(std::move(tower)),
      _buzzer(buzzer), _patterns(std::move(patterns)), _announce(std::move(announce)),
      _backoff(milliseconds(settings.tower.retryInitialMs), milliseconds(settings.tower.retryMaxMs))
{
    _status.towerConfigured = _tower != nullptr;
}

Reconciler::~Reconciler()
{
    stop();
}

std::unique_ptr<PatliteClient> Reconciler::makeClient(const Settings::Tower& tower)
{
    if (!tower.enabled())
        return nullptr;
    const milliseconds timeout(tower.timeoutMs);
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
    _startedMicros = _clock.nowMicros();
    _thread.start(*this);
}

void Reconciler::stop()
{
    {
        std::lock_guard<std::mutex> lock(_mutex);
        _stopping = true;
    }
    _wakeUp.notify_all();
    if (_thread.isRunning())
        _thread.join();
}

void Reconciler::wake()
{
    {
        std::lock_guard<std::mutex> lock(_mutex);
        _woken = true;
    }
    _wakeUp.notify_all();
}

Reconciler::Status Reconciler::status() const
{
    std::lock_guard<std::mutex> lock(_statusMutex);
    return _status;
}

void Reconciler::run()
{
    for (;;)
    {
        milliseconds wait = step();
        std::unique_lock<std::mutex> lock(_mutex);
        _wakeUp.wait_for(lock, wait, [this] { return _woken || _stopping; });
        _woken = false;
        if (_stopping)
            return;
    }
}

// The heartbeat is the newest sighting of the heartbeat alert, firing or not: a resolved Watchdog
// starts the countdown from its resolution. The heartbeat notice is shown by the blind state, not as
// an alert of its own.
Reconciler::Observation Reconciler::observe()
{
    if (!_db)
        _db = std::make_unique<Database>(_settings.store.path, Database::Mode::ReadWrite,
                                         _settings.store.busyTimeoutMs);
    if (_settings.alerts.staleAfterMs > 0)
    {
        int stale = StaleAlerts::resolve(*_db, _clock.nowMicros(),
                                         micros(milliseconds(_settings.alerts.staleAfterMs)),
                                         _settings.heartbeat.alertname);
        if (stale > 0)
            logger().notice("%d alert(s) not re-notified within stale_after: recorded as resolved (stale)",
                            stale);
    }
    Observation observation;
    for (const auto& alert : HistoryQuery(*_db).active())
    {
        if (alert.alertname == _settings.heartbeat.alertname ||
            alert.fingerprint == HeartbeatNotice::FINGERPRINT)
            continue;
        observation.active.push_back({alert.severity, Rfc3339::parseMicros(alert.firstSeenAt).value_or(0)});
    }
    Statement heartbeat = _db->prepare("SELECT max(last_seen_at) FROM alerts WHERE alertname = ?");
    heartbeat.bind(1, _settings.heartbeat.alertname);
    if (heartbeat.step() && !heartbeat.isNull(0))
        observation.lastHeartbeatMicros = Rfc3339::parseMicros(heartbeat.text(0));
    Statement notice =
        _db->prepare("SELECT starts_at FROM alerts WHERE fingerprint = ? AND status = 'firing'");
    notice.bind(1, std::string(HeartbeatNotice::FINGERPRINT));
    if (notice.step())
        observation.blindAnnouncedSince = notice.text(0);
    return observation;
}

// The store says whether the lapse was announced, so a restart neither repeats nor forgets it. A failed
// announcement is tried again at the next step.
bool Reconciler::announceHeartbeat(bool blind, const Observation& observation, std::int64_t now)
{
    if (!_announce || blind == observation.blindAnnouncedSince.has_value())
        return true;
    Notification notice;
    if (blind)
    {
        const std::int64_t since = observation.lastHeartbeatMicros.value_or(_startedMicros);
        notice = HeartbeatNotice::blind(
            _settings.heartbeat,
            Rfc3339::formatMicros(since + micros(milliseconds(_settings.heartbeat.timeoutMs))));
    }
    else
        notice = HeartbeatNotice::recovered(_settings.heartbeat, *observation.blindAnnouncedSince,
                                            Rfc3339::formatMicros(now));
    if (_announce(std::move(notice)))
        return true;
    logger().error("cannot store the heartbeat %s message; trying again",
                   std::string(blind ? "lapse" : "recovery"));
    return false;
}

bool Reconciler::isBlind(const Observation& observation, std::int64_t now, milliseconds& untilChange) const
{
    untilChange = FOREVER;
    if (_settings.heartbeat.timeoutMs <= 0)
        return false;
    if (!observation.lastHeartbeatMicros && !_settings.heartbeat.requireAtStart)
        return false;
    const std::int64_t since = observation.lastHeartbeatMicros.value_or(_startedMicros);
    const std::int64_t deadline = since + micros(milliseconds(_settings.heartbeat.timeoutMs));
    if (now >= deadline)
        return true;
    untilChange = until(deadline, now);
    return false;
}

milliseconds Reconciler::step()
{
    Observation observation;
    try
    {
        observation = observe();
    }
    catch (const StoreError& e)
    {
        logger().error("cannot read the active alerts: %s", std::string(e.what()));
        _db.reset();
        return STORE_RETRY;
    }
    const std::int64_t now = _clock.nowMicros();
    milliseconds heartbeatWait;
    bool blind = isBlind(observation, now, heartbeatWait);
    milliseconds announceWait = announceHeartbeat(blind, observation, now) ? FOREVER : STORE_RETRY;
    SignalState desired = _rule.desired(observation.active, blind, _silenced);
    {
        std::lock_guard<std::mutex> lock(_statusMutex);
        if (blind != _status.blind)
        {
            if (blind)
                logger().error("no %s alert for %s ms: monitoring is blind", _settings.heartbeat.alertname,
                               std::to_string(_settings.heartbeat.timeoutMs));
            else
                logger().notice("the %s alert is back: monitoring recovered", _settings.heartbeat.alertname);
        }
        _status.desired = desired.tower.digits();
        _status.blind = desired.blind;
        _status.silenced = desired.silenced;
        _status.buzzerPattern = desired.buzzerPattern;
    }
    applyBuzzer(desired);
    milliseconds towerWait = _tower ? driveTower(desired.tower, now) : FOREVER;
    // Stale alerts leave the tower when they pass stale_after: a minute later at most.
    milliseconds staleWait = _settings.alerts.staleAfterMs > 0 && !observation.active.empty()
                                 ? std::min(milliseconds(_settings.alerts.staleAfterMs), milliseconds(60000))
                                 : FOREVER;
    return std::min({towerWait, heartbeatWait, staleWait, announceWait});
}

void Reconciler::applyBuzzer(const SignalState& desired)
{
    if (!_buzzer || (_buzzerApplied && *_buzzerApplied == desired.buzzerPattern))
        return;
    std::optional<BuzzerPattern> pattern;
    if (desired.buzzerPattern)
    {
        auto found = _patterns.find(*desired.buzzerPattern);
        if (found == _patterns.end())
            logger().error("no buzzer pattern named \"%s\"; the buzzer stays quiet", *desired.buzzerPattern);
        else
            pattern = found->second;
    }
    _buzzer->apply(pattern);
    _buzzerApplied = desired.buzzerPattern;
}

// A change goes out at once unless the tower is failing (then the backoff decides); an unchanged state
// is re-asserted every reassert_interval.
milliseconds Reconciler::driveTower(const TowerState& desired, std::int64_t now)
{
    bool changed = !_applied || *_applied != desired;
    bool failing = status().failures > 0;
    if ((!changed || failing) && now < _nextAttemptMicros)
        return until(_nextAttemptMicros, now);
    TowerAnswer answer = _tower->apply(desired);
    record(desired, answer);
    const std::int64_t after = _clock.nowMicros();
    if (answer.ok)
    {
        _applied = desired;
        _nextAttemptMicros = after + micros(milliseconds(_settings.tower.reassertMs));
    }
    else
    {
        _applied.reset();
        std::uniform_real_distribution<double> unit(0.0, 1.0);
        _nextAttemptMicros =
            after + micros(_backoff.delay(static_cast<int>(status().failures), unit(_random)));
    }
    return until(_nextAttemptMicros, after);
}

void Reconciler::record(const TowerState& desired, const TowerAnswer& answer)
{
    std::lock_guard<std::mutex> lock(_statusMutex);
    if (answer.ok)
    {
        if (_status.failures > 0)
            logger().notice("tower %s answers again; showing %s", _tower->describe(), desired.digits());
        _status.towerUp = true;
        _status.applied = desired.digits();
        _status.lastError.clear();
        _status.failures = 0;
        _disabledReported = false;
        return;
    }
    if (answer.controlDisabled && !_disabledReported)
    {
        logger().error(
            "tower %s: %s. Enable HTTP command control on the tower: open its web UI (on a new or reset "
            "unit, first create the account on the first-access page), then Enable Feature -> "
            "\"HTTP Command Control\" on; or set [tower] protocol = pns",
            _tower->describe(), answer.error);
        _disabledReported = true;
    }
    else if (_status.failures == 0)
        logger().warning("tower %s: %s; retrying with backoff", _tower->describe(), answer.error);
    _status.towerUp = false;
    _status.applied.clear();
    _status.lastError = answer.error;
    ++_status.failures;
}

} // namespace AlertGate
