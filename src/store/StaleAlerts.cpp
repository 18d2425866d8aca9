#include "store/StaleAlerts.h"

#include "core/Rfc3339.h"
#include "store/AlertResolver.h"
#include "store/Database.h"
#include "store/Statement.h"
#include "store/StoreError.h"

#include <vector>

namespace AlertGate {

namespace {

// last_seen_at is fixed-width UTC text (Rfc3339::formatMicros), so it compares as time.
std::vector<std::string> staleFingerprints(Database& db, const std::string& cutoff,
                                           const std::string& heartbeatAlertname)
{
    Statement select = db.prepare("SELECT fingerprint FROM alerts WHERE status = 'firing' AND "
                                  "last_seen_at < ?1 AND alertname != ?2 ORDER BY fingerprint");
    select.bind(1, cutoff).bind(2, heartbeatAlertname);
    std::vector<std::string> fingerprints;
    while (select.step())
        fingerprints.push_back(select.text(0));
    return fingerprints;
}

} // namespace

StaleAlerts::StaleAlerts(std::string path, std::int64_t busyTimeoutMs, std::int64_t staleAfterMicros,
                         std::string heartbeatAlertname)
    : _path(std::move(path)), _busyTimeoutMs(busyTimeoutMs), _staleAfterMicros(staleAfterMicros),
      _heartbeatAlertname(std::move(heartbeatAlertname))
{
}

StaleAlerts::~StaleAlerts() = default;

int StaleAlerts::resolve(std::int64_t nowMicros)
{
    try
    {
        if (!_db)
            _db = std::make_unique<Database>(_path, Database::Mode::ReadWrite, _busyTimeoutMs);
        return resolve(*_db, nowMicros, _staleAfterMicros, _heartbeatAlertname);
    }
    catch (const StoreError&)
    {
        _db.reset();
        throw;
    }
}

// A read first: most calls find nothing stale and need not take the write lock from the writer. The
// selection is made again inside the write transaction, so the writer cannot slip a refresh in between.
int StaleAlerts::resolve(Database& db, std::int64_t nowMicros, std::int64_t staleAfterMicros,
                         const std::string& heartbeatAlertname)
{
    const std::string cutoff = Rfc3339::formatMicros(nowMicros - staleAfterMicros);
    if (staleFingerprints(db, cutoff, heartbeatAlertname).empty())
        return 0;
    Transaction transaction(db);
    AlertResolver resolver(db);
    const std::string now = Rfc3339::formatMicros(nowMicros);
    int resolved = 0;
    for (const std::string& fingerprint : staleFingerprints(db, cutoff, heartbeatAlertname))
        if (resolver.resolve(fingerprint, "stale", now))
            ++resolved;
    transaction.commit();
    return resolved;
}

} // namespace AlertGate
