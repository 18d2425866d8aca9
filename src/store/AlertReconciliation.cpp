#include "store/AlertReconciliation.h"

#include "core/Rfc3339.h"
#include "store/AlertResolver.h"
#include "store/Database.h"
#include "store/Statement.h"
#include "store/StoreError.h"

namespace AlertGate {

namespace {

// Copies the alert as it is into its history, like AlertResolver, with the new suppression as reason.
void markSuppression(Database& db, const std::string& fingerprint, const std::string& suppressed,
                     const std::string& at)
{
    Statement event = db.prepare(
        "INSERT INTO alert_events (at, fingerprint, notification_id, status, reason, alertname, severity, "
        "labels, annotations, starts_at, ends_at, generator_url) "
        "SELECT ?1, fingerprint, NULL, 'firing', ?2, alertname, severity, labels, annotations, starts_at, "
        "NULL, generator_url FROM alerts WHERE fingerprint = ?3 AND status = 'firing' AND suppressed != ?4");
    event.bind(1, at).bind(2, suppressed.empty() ? std::string("unsuppressed") : suppressed);
    event.bind(3, fingerprint).bind(4, suppressed);
    event.run();
    if (db.changes() == 0)
        return;
    Statement update = db.prepare("UPDATE alerts SET suppressed = ?1 WHERE fingerprint = ?2");
    update.bind(1, suppressed).bind(2, fingerprint);
    update.run();
}

} // namespace

AlertReconciliation::AlertReconciliation(std::string path, std::int64_t busyTimeoutMs)
    : _path(std::move(path)), _busyTimeoutMs(busyTimeoutMs)
{
}

AlertReconciliation::~AlertReconciliation() = default;

Database& AlertReconciliation::db()
{
    if (!_db)
        _db = std::make_unique<Database>(_path, Database::Mode::ReadWrite, _busyTimeoutMs);
    return *_db;
}

std::vector<AlertReconciliation::Firing> AlertReconciliation::firing()
{
    try
    {
        Statement select =
            db().prepare("SELECT fingerprint, last_seen_at, suppressed FROM alerts WHERE status = 'firing'");
        std::vector<Firing> alerts;
        while (select.step())
            alerts.push_back(
                {select.text(0), Rfc3339::parseMicros(select.text(1)).value_or(0), select.text(2)});
        return alerts;
    }
    catch (const StoreError&)
    {
        _db.reset();
        throw;
    }
}

int AlertReconciliation::apply(const Change& change, std::int64_t nowMicros)
{
    try
    {
        Transaction transaction(db());
        AlertResolver resolver(db());
        const std::string now = Rfc3339::formatMicros(nowMicros);
        int resolved = 0;
        for (const auto& fingerprint : change.resolve)
            if (resolver.resolve(fingerprint, "reconciled", now))
                ++resolved;
        for (const auto& [fingerprint, suppressed] : change.suppress)
            markSuppression(db(), fingerprint, suppressed, now);
        transaction.commit();
        return resolved;
    }
    catch (const StoreError&)
    {
        _db.reset();
        throw;
    }
}

} // namespace AlertGate
