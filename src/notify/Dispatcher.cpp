#include "notify/Dispatcher.h"

#include "core/PayloadParser.h"
#include "core/Printable.h"
#include "core/Router.h"
#include "metrics/Metrics.h"
#include "notify/Channel.h"
#include "store/Database.h"
#include "store/EpisodeQuery.h"
#include "store/Outbox.h"

#include <Poco/Exception.h>
#include <Poco/Logger.h>

#include <random>

namespace AlertGate {

namespace {

constexpr std::int64_t STORE_RETRY_MICROS = 5 * 1000 * 1000;

Poco::Logger& logger(const std::string& channel)
{
    return Poco::Logger::get("notify." + channel);
}

Dispatcher::Jitter randomJitter()
{
    auto random = std::make_shared<std::mt19937>(std::random_device{}());
    return [random] { return std::uniform_real_distribution<double>(0.0, 1.0)(*random); };
}

} // namespace

Dispatcher::Dispatcher(Channel& channel, const Router& router, std::string dbPath, std::int64_t busyTimeoutMs,
                       Policy policy, const Clock& clock, Metrics& metrics, Jitter jitter)
    : _channel(channel), _router(router), _dbPath(std::move(dbPath)), _busyTimeoutMs(busyTimeoutMs),
      _policy(policy), _clock(clock), _metrics(metrics), _jitter(jitter ? std::move(jitter) : randomJitter()),
      _loop("notify-" + channel.name(), clock, [this](std::int64_t now) { return step(now); })
{
}

Dispatcher::~Dispatcher()
{
    stop();
}

void Dispatcher::start()
{
    _loop.start();
}

void Dispatcher::stop()
{
    _loop.stop();
}

void Dispatcher::wake()
{
    _loop.wake();
}

void Dispatcher::open()
{
    _outbox.reset();
    _db = std::make_unique<Database>(_dbPath, Database::Mode::ReadWrite, _busyTimeoutMs);
    _outbox = std::make_unique<Outbox>(*_db);
}

// One message at most. Only the outbox's own failures land here: a message's own problems are its
// outcome (renderAndSend), so the log blames the store only when it is the store.
std::int64_t Dispatcher::step(std::int64_t now)
{
    try
    {
        if (!_outbox)
            open();
        auto entry = _outbox->next(_channel.name());
        if (!entry)
            return WorkerLoop::IDLE;
        if (entry->nextAttemptAtMicros > now)
            return entry->nextAttemptAtMicros;
        return attempt(*entry, now);
    }
    catch (const std::exception& e)
    {
        logger(_channel.name()).error("cannot read or update the outbox: %s", std::string(e.what()));
        _outbox.reset();
        _db.reset();
        return now + STORE_RETRY_MICROS;
    }
}

// A stored message that can no longer be parsed or rendered will not get better by waiting: it is dead
// with its cause, and the channel goes on with the next one.
DeliveryResult Dispatcher::renderAndSend(const OutboxEntry& entry, const std::optional<Episode>& episode)
{
    try
    {
        Notification notification = PayloadParser::parse(entry.payload);
        std::vector<Alert> alerts = _router.alertsFor(_channel.name(), notification);
        if (alerts.empty())
            return DeliveryResult::dead("no alert matches this channel's routing any more");
        return episode ? _channel.deliverInEpisode(notification, alerts, *episode)
                       : _channel.deliver(notification, alerts);
    }
    catch (const Poco::Exception& e)
    {
        return DeliveryResult::dead("cannot render the stored message: " + e.displayText());
    }
    catch (const std::exception& e)
    {
        return DeliveryResult::dead(std::string("cannot render the stored message: ") + e.what());
    }
}

std::int64_t Dispatcher::attempt(const OutboxEntry& entry, std::int64_t now)
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
        return now;
    }
    std::optional<Episode> episode = EpisodeQuery(*_db).of(channel, entry.notificationId);
    DeliveryResult result = renderAndSend(entry, episode);
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
        return now;
    case DeliveryResult::Outcome::Dead:
        _outbox->markDead(entry.id, attempts, detail);
        _metrics.countDelivery(channel, "dead");
        logger(channel).error("message %Ld (notification %Ld) is dead: %s", entry.id, entry.notificationId,
                              detail);
        return now;
    default:
    {
        const std::chrono::milliseconds wait = _policy.backoff.delay(attempts, _jitter(), result.retryAfter);
        const std::int64_t retryAt = _clock.nowMicros() + wait.count() * 1000;
        _outbox->scheduleRetry(entry.id, attempts, retryAt, detail);
        _metrics.countDelivery(channel, "retry");
        logger(channel).warning("message %Ld (notification %Ld) failed, retry in %Ld ms: %s", entry.id,
                                entry.notificationId, static_cast<Poco::Int64>(wait.count()), detail);
        return retryAt;
    }
    }
}

} // namespace AlertGate
