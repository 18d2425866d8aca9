#pragma once

#include "core/Clock.h"
#include "core/WorkerLoop.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

namespace AlertGate {

class Database;
class Metrics;

/// Retention (store.retention): on a thread and connection of its own, deletes the history older than
/// the retention, a small batch per transaction with a pause between batches, so that a webhook's commit
/// never waits behind more than one small batch. Deleted, oldest first: alert events; delivered and dead
/// outbox rows; silences; resolved alerts with no event left; notifications nothing refers to any more.
/// Never deleted: alerts still firing (and the event of their current state), pending outbox rows and
/// the notifications these refer to. The freed pages are then given back to the file system
/// (auto_vacuum=INCREMENTAL, a bounded incremental_vacuum per transaction).
class Pruner
{
public:
    /// Small enough that a webhook waiting for one batch (or one step of the vacuum) keeps its usual
    /// answer time: 200 rows held the lock long enough to raise the p99 of lone webhooks from 1.7 to
    /// 9 ms while a large prune ran (scripts/bench --old-alertgate).
    static constexpr int kBatchRows = 50;
    static constexpr int kVacuumPages = 64;

    Pruner(std::string path, std::int64_t busyTimeoutMs, std::int64_t retentionMs, const Clock& clock,
           Metrics& metrics);
    /// retentionMs 0 keeps everything (start() then does nothing).
    ~Pruner();
    Pruner(const Pruner&) = delete;
    Pruner& operator=(const Pruner&) = delete;

    void start();
    void stop();

    std::int64_t pruneOnce();
    /// One whole pass (all batches); returns the rows deleted. For the thread and for tests.

    std::int64_t step(std::int64_t nowMicros);
    /// A pass when one is due (at once after start, then every tenth of the retention, at least a second
    /// and at most ten minutes apart); returns when the next is due.

private:
    int deleteBatch(const std::string& table, const std::string& sql, const std::string& cutoff);
    void giveBackFreePages();
    bool stopping() const { return _stopping; }

    std::string _path;
    std::int64_t _busyTimeoutMs;
    std::int64_t _retentionMs;
    const Clock& _clock;
    Metrics& _metrics;
    std::unique_ptr<Database> _db;
    std::atomic<bool> _stopping{false}; ///< Ends a pass between two batches.
    std::int64_t _dueMicros = 0;
    WorkerLoop _loop; ///< Last: its thread stops before the parts it steps go.
};

} // namespace AlertGate
