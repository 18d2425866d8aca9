#include "store/Outbox.h"

#include "core/Rfc3339.h"
#include "store/Database.h"

namespace AlertGate {

Outbox::Outbox(Database& db)
    : _db(db),
      _next(db.prepare("SELECT o.id, o.notification_id, o.created_at, o.next_attempt_at, o.attempts, "
                       "coalesce(o.last_error, ''), n.payload FROM outbox o "
                       "JOIN notifications n ON n.id = o.notification_id "
                       "WHERE o.channel = ?1 AND o.state = 'pending' ORDER BY o.id LIMIT 1")),
      _delivered(db.prepare("UPDATE outbox SET state = 'delivered', attempts = ?2, delivered_at = ?3, "
                            "last_error = ?4 WHERE id = ?1")),
      _retry(
          db.prepare("UPDATE outbox SET attempts = ?2, next_attempt_at = ?3, last_error = ?4 WHERE id = ?1")),
      _dead(db.prepare("UPDATE outbox SET state = 'dead', attempts = ?2, last_error = ?3 WHERE id = ?1"))
{
}

std::optional<OutboxEntry> Outbox::next(const std::string& channel)
{
    _next.bind(1, channel);
    std::optional<OutboxEntry> entry;
    if (_next.step())
        entry = OutboxEntry{_next.integer(0),
                            _next.integer(1),
                            Rfc3339::parseMicros(_next.text(2)).value_or(0),
                            Rfc3339::parseMicros(_next.text(3)).value_or(0),
                            static_cast<int>(_next.integer(4)),
                            _next.text(5),
                            _next.text(6)};
    _next.reset();
    return entry;
}

void Outbox::update(Statement& statement)
{
    Transaction transaction(_db);
    statement.run();
    transaction.commit();
}

void Outbox::markDelivered(std::int64_t id, int attempts, std::int64_t nowMicros, const std::string& answer)
{
    _delivered.bind(1, id)
        .bind(2, std::int64_t(attempts))
        .bind(3, Rfc3339::formatMicros(nowMicros))
        .bind(4, answer);
    update(_delivered);
}

void Outbox::scheduleRetry(std::int64_t id, int attempts, std::int64_t nextAttemptMicros,
                           const std::string& error)
{
    _retry.bind(1, id)
        .bind(2, std::int64_t(attempts))
        .bind(3, Rfc3339::formatMicros(nextAttemptMicros))
        .bind(4, error);
    update(_retry);
}

void Outbox::markDead(std::int64_t id, int attempts, const std::string& error)
{
    _dead.bind(1, id).bind(2, std::int64_t(attempts)).bind(3, error);
    update(_dead);
}

} // namespace AlertGate
