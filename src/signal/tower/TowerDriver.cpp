#include "signal/tower/TowerDriver.h"

#include <Poco/Logger.h>

#include <random>

namespace AlertGate {

namespace {

Poco::Logger& logger()
{
    return Poco::Logger::get("tower");
}

TowerDriver::Jitter randomJitter()
{
    auto random = std::make_shared<std::mt19937>(std::random_device{}());
    return [random] { return std::uniform_real_distribution<double>(0.0, 1.0)(*random); };
}

} // namespace

TowerDriver::TowerDriver(std::unique_ptr<PatliteClient> client, const Settings::Tower& tower,
                         const Clock& clock, Jitter jitter)
    : _client(std::move(client)), _tower(tower), _clock(clock),
      _backoff(std::chrono::milliseconds(tower.retryInitialMs), std::chrono::milliseconds(tower.retryMaxMs)),
      _jitter(jitter ? std::move(jitter) : randomJitter())
{
}

TowerDriver::Status TowerDriver::status() const
{
    std::lock_guard<std::mutex> lock(_mutex);
    return _status;
}

// The next attempt is timed from when the command ended, so a slow tower is not asked again at once.
std::int64_t TowerDriver::drive(const TowerState& desired, std::int64_t nowMicros)
{
    const bool changed = !_applied || *_applied != desired;
    const bool failing = status().failures > 0;
    if ((!changed || failing) && nowMicros < _nextAttemptMicros)
        return _nextAttemptMicros;
    TowerAnswer answer = _client->apply(desired);
    record(desired, answer);
    const std::int64_t after = _clock.nowMicros();
    if (answer.ok)
    {
        _applied = desired;
        _nextAttemptMicros = after + _tower.reassertMs * 1000;
    }
    else
    {
        _applied.reset();
        const auto delay = _backoff.delay(static_cast<int>(status().failures), _jitter());
        _nextAttemptMicros = after + std::chrono::microseconds(delay).count();
    }
    return _nextAttemptMicros;
}

void TowerDriver::record(const TowerState& desired, const TowerAnswer& answer)
{
    std::lock_guard<std::mutex> lock(_mutex);
    if (answer.ok)
    {
        if (_status.failures > 0)
            logger().notice("tower %s answers again; showing %s", _client->describe(), desired.digits());
        _status.up = true;
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
            _client->describe(), answer.error);
        _disabledReported = true;
    }
    else if (_status.failures == 0)
        logger().warning("tower %s: %s; retrying with backoff", _client->describe(), answer.error);
    _status.up = false;
    _status.applied.clear();
    _status.lastError = answer.error;
    ++_status.failures;
}

} // namespace AlertGate
