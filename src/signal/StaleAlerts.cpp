#include "signal/StaleAlerts.h"

#include "core/Rfc3339.h"
#include "store/Database.h"
#include "store/Statement.h"

namespace AlertGate {

// last_seen_at is fixed-width UTC text (Rfc3339::formatMicros), so it compares as time. Both statements
// select the same rows inside one write transaction, so the writer cannot slip a refresh in between.
int StaleAlerts::resolve(Database& db, std::int64_t nowMicros, std::int64_t staleAfterMicros,
                         const std::string& heartbeatAlertname)
{
    const std::string now = Rfc3339::formatMicros(nowMicros);
    const std::string cutoff = Rfc3339::formatMicros(nowMicros - staleAfterMicros);
    // A read first: most steps find nothing stale and need not take the write lock from the writer.
    Statement candidates =
        db.prepare("SELECT 1 FROM alerts WHERE status = 'firing' AND last_seen_at < ?1 AND "
                   "alertname != ?2 LIMIT 1");
    candidates.bind(1, cutoff).bind(2, heartbeatAlertname);
    if (!candidates.step())
        return 0;
    candidates.reset();
    Transaction transaction(db);
    Statement events = db.prepare(
        "INSERT INTO alert_events (at, fingerprint, notification_id, status, reason, alertname, severity, "
        "labels, "
        "annotations, starts_at, ends_at, generator_url) "
        "SELECT ?1, fingerprint, NULL, 'resolved', 'stale', alertname, severity, labels, annotations, "
        "starts_at, "
        "?1, generator_url FROM alerts WHERE status = 'firing' AND last_seen_at < ?2 AND alertname != ?3");
    events.bind(1, now).bind(2, cutoff).bind(3, heartbeatAlertname);
    events.run();
    const int resolved = db.changes();
    if (resolved == 0)
        return 0;
    Statement alerts =
        db.prepare("UPDATE alerts SET status = 'resolved', status_reason = 'stale', ends_at = ?1 "
                   "WHERE status = 'firing' AND last_seen_at < ?2 AND alertname != ?3");
    alerts.bind(1, now).bind(2, cutoff).bind(3, heartbeatAlertname);
    alerts.run();
    transaction.commit();
    return resolved;
}

} // namespace AlertGate
