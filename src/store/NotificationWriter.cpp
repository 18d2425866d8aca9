#include "store/NotificationWriter.h"

#include "core/Printable.h"
#include "core/Rfc3339.h"
#include "metrics/Metrics.h"
#include "store/Checkpointer.h"
#include "store/Database.h"
#include "store/NotificationRecorder.h"
#include "store/Schema.h"
#include "store/Statement.h"
#include "store/StoreCheck.h"
#include "store/StoreError.h"
#include "store/StoreRewrite.h"

#include <Poco/Logger.h>

#include <sqlite3.h>

#include <chrono>

namespace AlertGate {

namespace {

constexpr std::size_t kMaxBatch = 256;
constexpr std::int64_t kProbeIntervalMicros = 2 * 1000 * 1000;
constexpr std::int64_t kFairnessWindowMicros = 100 * 1000;
constexpr std::int64_t kPauseMicros = 5 * 1000;

Poco::Logger& logger()
{
    return Poco::Logger::get("store");
}

// The whole-file check only after a stop that was not clean: a clean start reads a few pages, however
// large the store.
void checkIfNeeded(Database& db)
{
    auto started = std::chrono::steady_clock::now();
    if (StoreCheck::stoppedCleanly(db))
    {
        std::chrono::duration<double, std::milli> took = std::chrono::steady_clock::now() - started;
        logger().information("%s: stopped cleanly last time: whole-file check skipped (%.1f ms; "
                             "`alertgate check-store` runs it)",
                             db.path(), took.count());
        return;
    }
    double seconds = StoreCheck::fullCheck(db);
    logger().notice("%s: not stopped cleanly last time (or first start of this version): quick_check of the "
                    "whole file passed in %.0f ms",
                    db.path(), seconds * 1000);
}

} // namespace

NotificationWriter::NotificationWriter(std::string path, std::int64_t busyTimeoutMs, const Clock& clock,
                                       Metrics& metrics, const Router* router, std::function<void()> onCommit,
                                       std::function<void()> onAnyCommit)
    : _path(std::move(path)), _busyTimeoutMs(busyTimeoutMs), _clock(clock), _metrics(metrics),
      _router(router), _onCommit(std::move(onCommit)), _onAnyCommit(std::move(onAnyCommit)),
      _loop("store-writer", clock, [this](std::int64_t now) { return step(now); })
{
    _db = std::make_unique<Database>(_path, Database::Mode::ReadWrite, _busyTimeoutMs);
    checkIfNeeded(*_db);
    Schema::migrate(*_db);
    _db = StoreRewrite::apply(std::move(_db), _busyTimeoutMs);
    StoreCheck::markRunning(*_db, true, _clock.nowMicros());
    _checkpointer = std::make_unique<Checkpointer>(_path, _busyTimeoutMs, _clock);
    _checkpointer->attach(*_db);
    _recorder = std::make_unique<NotificationRecorder>(*_db, _router);
}

NotificationWriter::~NotificationWriter()
{
    stop();
}

void NotificationWriter::open()
{
    _recorder.reset();
    _db = std::make_unique<Database>(_path, Database::Mode::ReadWrite, _busyTimeoutMs);
    _checkpointer->attach(*_db);
    _recorder = std::make_unique<NotificationRecorder>(*_db, _router);
}

void NotificationWriter::start()
{
    _checkpointer->start();
    _loop.start();
}

// The thread has ended when the drain runs, so this thread may use the connection.
void NotificationWriter::stop()
{
    {
        std::lock_guard<std::mutex> lock(_mutex);
        if (_stopping)
            return;
        _stopping = true;
    }
    _loop.stop();
    for (auto batch = takeBatch(); !batch.empty(); batch = takeBatch())
        commitBatch(batch);
    _checkpointer->stop();
    markStopped();
}

// After the last commit: the next start skips the whole-file check. If this fails (disk full), the
// next start runs the check, which is only slower.
void NotificationWriter::markStopped()
{
    try
    {
        if (!_db)
            open();
        StoreCheck::markRunning(*_db, false, _clock.nowMicros());
    }
    catch (const std::exception& e)
    {
        logger().warning("cannot record the clean stop (the next start checks the whole store): %s",
                         std::string(e.what()));
    }
}

std::future<NotificationWriter::Outcome> NotificationWriter::submit(Notification notification)
{
    Pending pending{std::move(notification), {}};
    auto future = pending.promise.get_future();
    {
        std::lock_guard<std::mutex> lock(_mutex);
        if (_stopping)
        {
            pending.promise.set_value(Outcome{false, 0, 0, 0, "the store is shutting down"});
            return future;
        }
        _queue.push_back(std::move(pending));
    }
    _loop.wake();
    return future;
}

std::int64_t NotificationWriter::step(std::int64_t nowMicros)
{
    if (nowMicros < _pauseUntilMicros)
        return _pauseUntilMicros;
    std::deque<Pending> batch = takeBatch();
    if (!batch.empty())
        commitBatch(batch);
    else if (!_healthy)
        probe();
    {
        std::lock_guard<std::mutex> lock(_mutex);
        if (!_queue.empty())
            return nextBatchAt(_clock.nowMicros());
    }
    _committingSinceMicros.reset();
    return _healthy ? WorkerLoop::IDLE : nowMicros + kProbeIntervalMicros;
}

// Commits back to back leave the store's other writers (the outbox, retention, silences) no moment to
// take the write lock: after kFairnessWindowMicros of them the writer pauses for kPauseMicros, and the
// webhooks that arrive meanwhile share the next commit.
std::int64_t NotificationWriter::nextBatchAt(std::int64_t nowMicros)
{
    if (!_committingSinceMicros)
        _committingSinceMicros = nowMicros;
    if (nowMicros - *_committingSinceMicros < kFairnessWindowMicros)
        return nowMicros;
    _committingSinceMicros.reset();
    _pauseUntilMicros = nowMicros + kPauseMicros;
    return _pauseUntilMicros;
}

// Whatever is queued, up to a bound: requests that arrived during the last commit share the next one.
std::deque<NotificationWriter::Pending> NotificationWriter::takeBatch()
{
    std::lock_guard<std::mutex> lock(_mutex);
    std::deque<Pending> batch;
    while (!_queue.empty() && batch.size() < kMaxBatch)
    {
        batch.push_back(std::move(_queue.front()));
        _queue.pop_front();
    }
    return batch;
}

void NotificationWriter::commitBatch(std::deque<Pending>& batch)
{
    auto started = std::chrono::steady_clock::now();
    std::vector<Outcome> outcomes;
    try
    {
        if (!_db)
            open();
        Transaction transaction(*_db);
        recordAll(batch, outcomes);
        transaction.commit();
        if (!_healthy)
            logger().notice("the store is writable again");
        _healthy = true;
    }
    catch (const std::exception& e)
    {
        if (_healthy)
            logger().error("cannot write to the store (answering 503 until it recovers): %s",
                           std::string(e.what()));
        _healthy = false;
        _recorder.reset();
        _db.reset();
        outcomes.assign(batch.size(), Outcome{false, 0, 0, 0, e.what()});
    }
    std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;
    _metrics.observeCommit(elapsed.count(), batch.size());
    bool queuedMessages = false;
    bool stored = false;
    for (std::size_t i = 0; i < batch.size(); ++i)
    {
        queuedMessages = queuedMessages || outcomes[i].messages > 0;
        stored = stored || outcomes[i].stored;
        batch[i].promise.set_value(outcomes[i]);
    }
    if (queuedMessages && _onCommit)
        _onCommit();
    if (stored && _onAnyCommit)
        _onAnyCommit();
}

// Each notification in a savepoint of its own: one that fails (a constraint, a value SQLite refuses) is
// rolled back and answered alone, and the others commit. An error that ends the whole transaction (disk
// full, I/O) is thrown to fail the batch.
void NotificationWriter::recordAll(std::deque<Pending>& batch, std::vector<Outcome>& outcomes)
{
    std::int64_t now = _clock.nowMicros();
    for (auto& pending : batch)
    {
        _db->execute("SAVEPOINT notification");
        try
        {
            auto result = _recorder->record(pending.notification, now);
            _db->execute("RELEASE notification");
            outcomes.push_back(Outcome{true, result.notificationId, result.changes, result.messages, {}});
        }
        catch (const std::exception& e)
        {
            if (sqlite3_get_autocommit(_db->handle()))
                throw;
            _db->execute("ROLLBACK TO notification; RELEASE notification");
            logger().error("cannot store a notification of group %s (answering 503): %s",
                           printable(pending.notification.groupKey, 200), std::string(e.what()));
            outcomes.push_back(Outcome{false, 0, 0, 0, e.what()});
        }
    }
}

// While unhealthy, a tiny write tells when the disk is back, so readiness recovers without traffic.
void NotificationWriter::probe()
{
    try
    {
        if (!_db)
            open();
        Transaction transaction(*_db);
        Statement write = _db->prepare("INSERT OR REPLACE INTO store_probe (id, written_at) VALUES (1, ?1)");
        write.bind(1, Rfc3339::formatMicros(_clock.nowMicros()));
        write.run();
        transaction.commit();
        _healthy = true;
        logger().notice("the store is writable again");
    }
    catch (const std::exception&)
    {
        _recorder.reset();
        _db.reset();
    }
}

} // namespace AlertGate
