#pragma once

#include "core/Clock.h"
#include "core/Notification.h"
#include "core/WorkerLoop.h"

#include <atomic>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace AlertGate {

class Checkpointer;
class Database;
class Metrics;
class NotificationRecorder;
class Router;

/// The store's single writer: a thread that records notifications with group commit. Whatever is
/// queued when a commit ends goes into the next transaction, so concurrent webhooks share one fsync
/// without any artificial wait. A notification that fails on its own is rolled back alone (a savepoint
/// each) and the rest of the batch commits; a failed commit (disk full, read-only, I/O error) fails the
/// whole batch and reopens the connection for the next one, so the writer recovers by itself when the
/// disk does. WAL checkpoints run on a Checkpointer of their own, never inside a commit.
class NotificationWriter
{
public:
    struct Outcome
    {
        bool stored = false;
        std::int64_t notificationId = 0;
        int changes = 0;
        int messages = 0;
        std::string error; /// Why it was not stored (for the log; not shown to clients).
    };

    NotificationWriter(std::string path, std::int64_t busyTimeoutMs, const Clock& clock, Metrics& metrics,
                       const Router* router = nullptr, std::function<void()> onCommit = {},
                       std::function<void()> onAnyCommit = {});
    /// Opens the store, checks the whole file if the last run did not stop cleanly (StoreCheck), and
    /// migrates its schema. Throws StoreError.
    /// router selects the outbox messages of each notification; onCommit runs after each successful
    /// commit that queued messages (it wakes the dispatchers); onAnyCommit after every successful commit
    /// (it wakes the reconciler: a heartbeat or a state change queues no message).
    ~NotificationWriter();

    void start();
    void stop();
    /// Commits what is queued, then ends the thread.

    std::future<Outcome> submit(Notification notification);

    bool healthy() const { return _healthy; }
    /// False from a failed commit until a write succeeds again.

    std::int64_t step(std::int64_t nowMicros);
    /// Commits what is queued (one batch), or probes a store that failed; returns when the next step is
    /// due: at once while more is queued (after a short pause once it committed without one for a while,
    /// so the store's other writers get the lock), at the next probe while unhealthy, else
    /// WorkerLoop::IDLE.

private:
    struct Pending
    {
        Notification notification;
        std::promise<Outcome> promise;
    };

    std::deque<Pending> takeBatch();
    void commitBatch(std::deque<Pending>& batch);
    void recordAll(std::deque<Pending>& batch, std::vector<Outcome>& outcomes);
    void probe();
    void open();
    void markStopped();
    std::int64_t nextBatchAt(std::int64_t nowMicros);

    std::string _path;
    std::int64_t _busyTimeoutMs;
    const Clock& _clock;
    Metrics& _metrics;
    const Router* _router;
    std::function<void()> _onCommit;
    std::function<void()> _onAnyCommit;
    std::unique_ptr<Checkpointer> _checkpointer;
    std::unique_ptr<Database> _db;
    std::unique_ptr<NotificationRecorder> _recorder;
    std::atomic<bool> _healthy{true};
    std::optional<std::int64_t> _committingSinceMicros; /// Start of the current run of back-to-back commits.
    std::int64_t _pauseUntilMicros = 0;

    std::mutex _mutex;
    std::deque<Pending> _queue;
    bool _stopping = false;
    WorkerLoop _loop; ///< Last: its thread stops before the parts it steps go.
};

} // namespace AlertGate
