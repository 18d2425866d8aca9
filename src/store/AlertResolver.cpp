#include "store/AlertResolver.h"

#include "store/Database.h"

namespace AlertGate {

// The event copies the alert as it was, so the history shows what ended; the alert keeps the
// notification that last listed it unless a notification proved the end.
AlertResolver::AlertResolver(Database& db)
    : _db(db),
      _insertEvent(db.prepare(
          "INSERT INTO alert_events (at, fingerprint, notification_id, status, reason, alertname, severity, "
          "labels, annotations, starts_at, ends_at, generator_url) "
          "SELECT ?1, fingerprint, ?2, 'resolved', ?3, alertname, severity, labels, annotations, "
          "starts_at, ?1, generator_url FROM alerts WHERE fingerprint = ?4 AND status = 'firing'")),
      _update(db.prepare("UPDATE alerts SET status = 'resolved', status_reason = ?3, ends_at = ?1, "
                         "last_notification_id = coalesce(?2, last_notification_id) "
                         "WHERE fingerprint = ?4 AND status = 'firing'"))
{
}

bool AlertResolver::resolve(const std::string& fingerprint, const std::string& reason, const std::string& at,
                            std::optional<std::int64_t> notificationId)
{
    for (Statement* statement : {&_insertEvent, &_update})
    {
        statement->bind(1, at).bind(3, reason).bind(4, fingerprint);
        if (notificationId)
            statement->bind(2, *notificationId);
        else
            statement->bindNull(2);
    }
    _insertEvent.run();
    if (_db.changes() == 0)
        return false;
    _update.run();
    return true;
}

} // namespace AlertGate
