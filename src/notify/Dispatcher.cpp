#include "notify/Dispatcher.h"

#include "core/PayloadParser.h"
#include "core/Printable.h"
#include "core/Router.h"
#include "metrics/Metrics.h"
#include "notify/Channel.h"
#include "store/Database.h"
#include "store/EpisodeQuery.h"
#include "store/Outbox.h"

#include <Poco/Logger.h>

namespace AlertGate {

namespace {

using std::chrono::milliseconds;

constexpr milliseconds kIdle = std::chrono::hours(1);
constexpr milliseconds kStoreRetry = std::chrono::seconds(5);

Poco::Logger& logger(const std::string& channel)
{
    return Poco::Logger::get("notify." + channel);
}

milliseconds untilMicros(std::int64_t when, std::int64_t now)
{
    return std::chrono::duration_cast<milliseconds>(std::chrono::microseconds(when - now)) + milliseconds(1);
}

} // namespace

Dispatcher::Dispatcher(Channel& channel, const Router& router, std::string dbPath, std::int64_t busyTimeoutMs,
                       Policy policy, const Clock& clock, Metrics& metrics)
    : _channel(channel), _router(router), _dbPath(std::move(dbPath)), _busyTimeoutMs(busyTimeoutMs),
      _policy(policy), _clock(clock), _metrics(metrics), _thread("notify-" + channel.name())
{
}

Dispatcher::~Dispatcher()
{
    stop();
}

void Dispatcher::start()
{
    _thread.start(*this);
}

void Dispatcher::stop()
{
    {
        std::lock_guard<std::mutex> lock(_mutex);
        _stopping = true;
    }
    _wakeUp.notify_all();
    if (_thread.isRunning())
        _thread.join();
}

void Dispatcher::wake()
{
    {
        std::lock_guard<std::mutex> lock(_mutex);
        _woken = true;
    }
    _wakeUp.notify_all();
}

void Dispatcher::run()
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

void Dispatcher::open()
{
    _outbox.reset();
    _db = std::make_unique<Database>(_dbPath, Database::Mode::ReadWrite, _busyTimeoutMs);
    _outbox = std::make_unique<Outbox>(*_db);
}

// One message at most; returns how long to sleep before the next step unless woken.
milliseconds Dispatcher::step()
{
    try
    {
        if (!_outbox)
            open();
        auto entry = _outbox->next(_channel.name());
        if (!entry)
            return kIdle;
        std::int64_t now = _clock.nowMicros();
        if (entry->nextAttemptAtMicros > now)
            return untilMicros(entry->nextAttemptAtMicros, now);
        return attempt(*entry, now);
    }
    catch (const std::exception& e)
    {
        logger(_channel.name()).error("cannot read or update the outbox: %s", std::string(e.what()));
        _outbox.reset();
        _db.reset();
        return kStoreRetry;
    }
}

milliseconds Dispatcher::attempt(const OutboxEntry& entry, std::int64_t now)
{
    const std::string& channel = _channel.name();
    int attempts = entry.attempts + 1;
    if (std::chrono::microseconds(now - entry.createdAtMicros) > _policy.maxAge)
    {
        std::string reason = "gave up after max_age; last error: " + entry.lastError;
        _outbox->markDead(entry.id, entry.attempts, reason);
        _metrics.countDelivery(channel, "dead");
        logger(channel).error("message %Ld for notification %Ld is dead: %s", entry.id, entry.notificationId,
                              reason);
        return milliseconds(0);
    }
    Notification notification = PayloadParser::parse(entry.payload);
    std::vector<Alert> alerts = _router.alertsFor(channel, notification);
    std::optional<Episode> episode =
        alerts.empty() ? std::nullopt : EpisodeQuery(*_db).of(channel, entry.notificationId);
    DeliveryResult result = alerts.empty()
                                ? DeliveryResult::dead("no alert matches this channel's routing any more")
                            : episode ? _channel.deliverInEpisode(notification, alerts, *episode)
                                      : _channel.deliver(notification, alerts);
    std::string detail = printable(result.detail, 500);
    switch (result.outcome)
    {
    case DeliveryResult::Outcome::Delivered:
        _outbox->markDelivered(entry.id, attempts, _clock.nowMicros(), detail);
        _metrics.countDelivery(channel, "delivered");
        _metrics.observeDeliveryLatency(
            channel, static_cast<double>(_clock.nowMicros() - entry.createdAtMicros) / 1e6);
        logger(channel).information("delivered message %Ld (notification %Ld, attempt %d)", entry.id,
                                    entry.notificationId, attempts);
        return milliseconds(0);
    case DeliveryResult::Outcome::Dead:
        _outbox->markDead(entry.id, attempts, detail);
        _metrics.countDelivery(channel, "dead");
        logger(channel).error("message %Ld (notification %Ld) is dead: %s", entry.id, entry.notificationId,
                              detail);
        return milliseconds(0);
    default:
    {
        std::uniform_real_distribution<double> unit(0.0, 1.0);
        milliseconds wait = _policy.backoff.delay(attempts, unit(_random), result.retryAfter);
        _outbox->scheduleRetry(entry.id, attempts, _clock.nowMicros() + wait.count() * 1000, detail);
        _metrics.countDelivery(channel, "retry");
        logger(channel).warning("message %Ld (notification %Ld) failed, retry in %Ld ms: %s", entry.id,
                                entry.notificationId, static_cast<Poco::Int64>(wait.count()), detail);
        return wait;
    }
    }
}

} // namespace AlertGate
