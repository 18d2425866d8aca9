#include "store/Pruner.h"

#include "core/Rfc3339.h"
#include "metrics/Metrics.h"
#include "store/Database.h"
#include "store/Statement.h"

#include <Poco/Logger.h>

#include <algorithm>
#include <chrono>
#include <thread>
#include <utility>
#include <vector>

namespace AlertGate {

namespace {

// Each statement deletes at most kBatchRows rows older than ?1; the order of the list is the order of
// deletion (what refers to a row goes before it).
const std::vector<std::pair<std::string, std::string>>& batches()
{
    static const std::vector<std::pair<std::string, std::string>> all = {
        // Events, but not the one that records the current state of an alert still firing.
        {"alert_events",
         "DELETE FROM alert_events WHERE id IN (SELECT e.id FROM alert_events e WHERE e.at < ?1 "
         "AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.fingerprint = e.fingerprint AND "
         "a.status = 'firing' AND NOT EXISTS (SELECT 1 FROM alert_events l WHERE "
         "l.fingerprint = e.fingerprint AND l.id > e.id)) ORDER BY e.at LIMIT ?2)"},
        // The outbox has no index on created_at; ids grow with it, so the scan stops at the first new row
        // instead of reading the whole table inside the write transaction.
        {"outbox",
         "DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE state IN ('delivered', 'dead') "
         "AND created_at < ?1 AND id < coalesce((SELECT id FROM outbox WHERE created_at >= ?1 ORDER BY id "
         "LIMIT 1), 9223372036854775807) ORDER BY id LIMIT ?2)"},
        {"silences",
         "DELETE FROM silences WHERE id IN (SELECT id FROM silences WHERE at < ?1 ORDER BY at LIMIT ?2)"},
        {"alerts",
         "DELETE FROM alerts WHERE fingerprint IN (SELECT a.fingerprint FROM alerts a WHERE "
         "a.status = 'resolved' AND a.last_seen_at < ?1 AND NOT EXISTS (SELECT 1 FROM alert_events e "
         "WHERE e.fingerprint = a.fingerprint) LIMIT ?2)"},
        {"notifications",
         "DELETE FROM notifications WHERE id IN (SELECT n.id FROM notifications n WHERE n.received_at < ?1 "
         "AND n.id NOT IN (SELECT last_notification_id FROM alerts) "
         "AND NOT EXISTS (SELECT 1 FROM alert_events e WHERE e.notification_id = n.id) "
         "AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.notification_id = n.id) "
         "ORDER BY n.received_at LIMIT ?2)"},
    };
    return all;
}

// Room for the writer between two batches: its BEGIN IMMEDIATE waits at most for one batch.
constexpr auto kPause = std::chrono::milliseconds(20);

Poco::Logger& logger()
{
    return Poco::Logger::get("store");
}

} // namespace

Pruner::Pruner(std::string path, std::int64_t busyTimeoutMs, std::int64_t retentionMs, const Clock& clock,
               Metrics& metrics)
    : _path(std::move(path)), _busyTimeoutMs(busyTimeoutMs), _retentionMs(retentionMs), _clock(clock),
      _metrics(metrics), _loop("store-retention", clock, [this](std::int64_t now) { return step(now); })
{
}

Pruner::~Pruner()
{
    stop();
}

void Pruner::start()
{
    if (_retentionMs > 0)
        _loop.start();
}

void Pruner::stop()
{
    _stopping = true;
    _loop.stop();
    _db.reset();
}

std::int64_t Pruner::step(std::int64_t nowMicros)
{
    if (nowMicros < _dueMicros)
        return _dueMicros;
    try
    {
        pruneOnce();
    }
    catch (const std::exception& e)
    {
        logger().warning("retention: %s (tried again later)", std::string(e.what()));
        _db.reset();
    }
    _dueMicros = nowMicros + std::clamp<std::int64_t>(_retentionMs / 10, 1000, 600000) * 1000;
    return _dueMicros;
}

std::int64_t Pruner::pruneOnce()
{
    if (!_db)
        _db = std::make_unique<Database>(_path, Database::Mode::ReadWrite, _busyTimeoutMs);
    auto started = std::chrono::steady_clock::now();
    std::string cutoff = Rfc3339::formatMicros(_clock.nowMicros() - _retentionMs * 1000);
    std::int64_t total = 0;
    for (const auto& [table, sql] : batches())
    {
        int deleted;
        do
        {
            deleted = deleteBatch(table, sql, cutoff);
            total += deleted;
            if (deleted > 0)
                std::this_thread::sleep_for(kPause);
        } while (deleted == kBatchRows && !stopping());
    }
    if (total > 0)
    {
        giveBackFreePages();
        std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
        logger().information("retention: deleted %Ld rows older than %s in %.1f s", total, cutoff,
                             took.count());
    }
    return total;
}

int Pruner::deleteBatch(const std::string& table, const std::string& sql, const std::string& cutoff)
{
    Transaction transaction(*_db);
    Statement statement = _db->prepare(sql);
    statement.bind(1, cutoff).bind(2, std::int64_t(kBatchRows));
    statement.run();
    int deleted = _db->changes();
    transaction.commit();
    if (deleted > 0)
        _metrics.countPruned(table, deleted);
    return deleted;
}

void Pruner::giveBackFreePages()
{
    while (!stopping())
    {
        if (_db->pragma("freelist_count") == 0)
            return;
        Transaction transaction(*_db);
        _db->execute("PRAGMA incremental_vacuum(" + std::to_string(kVacuumPages) + ")");
        transaction.commit();
        std::this_thread::sleep_for(kPause);
    }
}

} // namespace AlertGate
