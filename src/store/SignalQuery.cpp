#include "store/SignalQuery.h"

#include "store/Database.h"
#include "store/Statement.h"
#include "store/StoreError.h"

namespace AlertGate {

SignalQuery::SignalQuery(std::string path, std::int64_t busyTimeoutMs)
    : _path(std::move(path)), _busyTimeoutMs(busyTimeoutMs)
{
}

SignalQuery::~SignalQuery() = default;

SignalSnapshot SignalQuery::read(const std::string& heartbeatAlertname, const std::string& noticeFingerprint)
{
    try
    {
        if (!_db)
            _db = std::make_unique<Database>(_path, Database::Mode::ReadOnly, _busyTimeoutMs);
        return readFrom(*_db, heartbeatAlertname, noticeFingerprint);
    }
    catch (const StoreError&)
    {
        _db.reset();
        throw;
    }
}

SignalSnapshot SignalQuery::readFrom(Database& db, const std::string& heartbeatAlertname,
                                     const std::string& noticeFingerprint)
{
    SignalSnapshot snapshot;
    snapshot.active = HistoryQuery(db).active();
    Statement heartbeat = db.prepare(
        "SELECT status, last_seen_at FROM alerts WHERE alertname = ?1 ORDER BY last_seen_at DESC LIMIT 1");
    heartbeat.bind(1, heartbeatAlertname);
    if (heartbeat.step())
        snapshot.heartbeat = SignalSnapshot::Sighting{heartbeat.text(1), heartbeat.text(0) == "firing"};
    Statement notice =
        db.prepare("SELECT starts_at FROM alerts WHERE fingerprint = ?1 AND status = 'firing'");
    notice.bind(1, noticeFingerprint);
    if (notice.step())
        snapshot.noticeSince = notice.text(0);
    return snapshot;
}

} // namespace AlertGate
