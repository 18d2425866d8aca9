#pragma once

#include "core/Backoff.h"
#include "core/Clock.h"
#include "core/WorkerLoop.h"
#include "notify/Channel.h"

#include <chrono>
#include <functional>
#include <memory>
#include <string>

namespace AlertGate {

class Database;
class Metrics;
class Outbox;
class Router;
struct OutboxEntry;

/// Delivers one channel's outbox, oldest first, on a thread of its own, so a channel that is down
/// never delays another. A transient failure retries the same message after a backoff (later
/// messages wait behind it, keeping order); a permanent one, or one older than max_age, is marked
/// dead with the reason, as is one that cannot be rendered (the channel goes on with the next). Woken
/// when a commit queues messages; otherwise it waits until the next retry is due, without polling.
class Dispatcher
{
public:
    struct Policy
    {
        Backoff backoff;
        std::chrono::milliseconds maxAge;
    };

    using Jitter = std::function<double()>;
    /// A number in [0, 1) per retry (Backoff's jitterUnit); 0.5 is no jitter.

    Dispatcher(Channel& channel, const Router& router, std::string dbPath, std::int64_t busyTimeoutMs,
               Policy policy, const Clock& clock, Metrics& metrics, Jitter jitter = {});
    /// Without jitter, a random one.
    ~Dispatcher();

    void start();
    void stop();
    /// Returns once the attempt in progress, if any, has ended.
    void wake();

    std::int64_t step(std::int64_t nowMicros);
    /// Takes the channel's oldest message if it is due and tries it once; returns when the next step is
    /// due (WorkerLoop::IDLE: only on a wake-up).

private:
    std::int64_t attempt(const OutboxEntry& entry, std::int64_t now);
    DeliveryResult renderAndSend(const OutboxEntry& entry, const std::optional<Episode>& episode);
    void open();

    Channel& _channel;
    const Router& _router;
    std::string _dbPath;
    std::int64_t _busyTimeoutMs;
    Policy _policy;
    const Clock& _clock;
    Metrics& _metrics;
    std::unique_ptr<Database> _db;
    std::unique_ptr<Outbox> _outbox;
    Jitter _jitter;
    WorkerLoop _loop; ///< Last: its thread stops before the parts it steps go.
};

} // namespace AlertGate
