#include "store/SlackMessageStore.h"

#include "core/Rfc3339.h"
#include "store/Database.h"
#include "store/Statement.h"

namespace AlertGate {

SlackMessageStore::SlackMessageStore(Database& db) : _db(db) {}

std::optional<SlackMessageRef> SlackMessageStore::find(const std::string& groupKey,
                                                       std::int64_t episodeNotificationId)
{
    Statement query = _db.prepare(
        "SELECT channel, ts FROM slack_messages WHERE group_key = ?1 AND episode_notification_id = ?2");
    query.bind(1, groupKey).bind(2, episodeNotificationId);
    if (!query.step())
        return std::nullopt;
    return SlackMessageRef{query.text(0), query.text(1)};
}

void SlackMessageStore::save(const std::string& groupKey, std::int64_t episodeNotificationId,
                             const SlackMessageRef& message, std::int64_t nowMicros)
{
    Transaction transaction(_db);
    Statement insert = _db.prepare("INSERT OR REPLACE INTO slack_messages "
                                   "(group_key, episode_notification_id, channel, ts, posted_at) "
                                   "VALUES (?1, ?2, ?3, ?4, ?5)");
    insert.bind(1, groupKey)
        .bind(2, episodeNotificationId)
        .bind(3, message.channel)
        .bind(4, message.ts)
        .bind(5, Rfc3339::formatMicros(nowMicros));
    insert.run();
    transaction.commit();
}

} // namespace AlertGate
