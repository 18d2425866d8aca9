#include "store/ChannelHealthQuery.h"

#include "store/Database.h"
#include "store/Statement.h"

namespace AlertGate {

ChannelHealthQuery::ChannelHealthQuery(Database& db) : _db(db) {}

ChannelHealth ChannelHealthQuery::of(const std::string& channel)
{
    ChannelHealth health;
    health.channel = channel;
    Statement counts = _db.prepare("SELECT state, count(*) FROM outbox WHERE channel = ?1 GROUP BY state");
    counts.bind(1, channel);
    while (counts.step())
    {
        const std::string state = counts.text(0);
        std::int64_t count = counts.integer(1);
        if (state == "pending")
            health.pending = count;
        else if (state == "delivered")
            health.delivered = count;
        else if (state == "dead")
            health.dead = count;
    }
    // A delivered message's last_error is the server's "ok": only undelivered ones hold a failure.
    Statement error = _db.prepare("SELECT last_error FROM outbox WHERE channel = ?1 AND state != 'delivered' "
                                  "AND coalesce(last_error, '') != '' ORDER BY id DESC LIMIT 1");
    error.bind(1, channel);
    if (error.step())
        health.lastError = error.text(0);
    return health;
}

} // namespace AlertGate
