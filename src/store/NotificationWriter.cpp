#include "store/NotificationWriter.h"

#include "core/Rfc3339.h"
#include "metrics/Metrics.h"
#include "store/Database.h"
#include "store/NotificationRecorder.h"
#include "store/Schema.h"
#include "store/Statement.h"
#include "store/StoreError.h"

#include <Poco/Logger.h>

#include <sqlite3.h>

#include <chrono>

namespace AlertGate {

namespace {

constexpr std::size_t kMaxBatch = 256;
constexpr std::int64_t kProbeIntervalMicros = 2 * 1000 * 1000;

Poco::Logger& logger()
{
    return Poco::Logger::get("store");
}

void quickCheck(Database& db)
{
    Statement check = db.prepare("PRAGMA quick_check");
    std::string verdict = check.step() ? check.text(0) : "no answer";
    if (verdict != "ok")
        throw StoreError(db.path() + ": PRAGMA quick_check failed: " + verdict +
                             " (move the file aside to start a new history; keep it for recovery)",
                         SQLITE_CORRUPT);
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
    quickCheck(*_db);
    Schema::migrate(*_db);
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
    _recorder = std::make_unique<NotificationRecorder>(*_db, _router);
}

void NotificationWriter::start()
{
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
    std::deque<Pending> batch = takeBatch();
    if (!batch.empty())
        commitBatch(batch);
    else if (!_healthy)
        probe();
    {
        std::lock_guard<std::mutex> lock(_mutex);
        if (!_queue.empty())
            return nowMicros;
    }
    return _healthy ? WorkerLoop::IDLE : nowMicros + kProbeIntervalMicros;
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

void NotificationWriter::recordAll(std::deque<Pending>& batch, std::vector<Outcome>& outcomes)
{
    std::int64_t now = _clock.nowMicros();
    for (auto& pending : batch)
    {
        auto result = _recorder->record(pending.notification, now);
        outcomes.push_back(Outcome{true, result.notificationId, result.changes, result.messages, {}});
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
