#pragma once

#include "core/Backoff.h"
#include "core/Clock.h"

#include <Poco/Runnable.h>
#include <Poco/Thread.h>

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <random>
#include <string>

namespace AlertGate {

class Channel;
class Database;
class Metrics;
class Outbox;
class Router;
struct OutboxEntry;

/// Delivers one channel's outbox, oldest first, on a thread of its own, so a channel that is down
/// never delays another. A transient failure retries the same message after a backoff (later
/// messages wait behind it, keeping order); a permanent one, or one older than max_age, is marked
/// dead with the reason. Woken when a commit queues messages; otherwise it sleeps until the next
/// retry is due, without polling.
class Dispatcher : public Poco::Runnable
{
public:
    struct Policy
    {
        Backoff backoff;
        std::chrono::milliseconds maxAge;
    };

    Dispatcher(Channel& channel, const Router& router, std::string dbPath, std::int64_t busyTimeoutMs,
               Policy policy, const Clock& clock, Metrics& metrics);
    ~Dispatcher() override;

    void start();
    void stop();
    /// Returns once the attempt in progress, if any, has ended.
    void wake();

    void run() override;

private:
    std::chrono::milliseconds step();
    std::chrono::milliseconds attempt(const OutboxEntry& entry, std::int64_t now);
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
    std::mt19937 _random{std::random_device{}()};

    std::mutex _mutex;
    std::condition_variable _wakeUp;
    bool _woken = false;
    bool _stopping = false;
    Poco::Thread _thread;
};

} // namespace AlertGate
