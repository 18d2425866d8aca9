#include "store/EpisodeQuery.h"

#include "core/Rfc3339.h"
#include "store/Database.h"
#include "store/Statement.h"

namespace AlertGate {

EpisodeQuery::EpisodeQuery(Database& db) : _db(db) {}

std::optional<Episode> EpisodeQuery::of(const std::string& channel, std::int64_t notificationId)
{
    Statement self = _db.prepare("SELECT received_at, group_key FROM notifications WHERE id = ?1");
    self.bind(1, notificationId);
    if (!self.step())
        return std::nullopt;
    Episode episode;
    episode.notificationId = notificationId;
    episode.receivedAtMicros = Rfc3339::parseMicros(self.text(0)).value_or(0);
    episode.groupKey = self.text(1);
    episode.firstNotificationId = notificationId;
    episode.firstReceivedAtMicros = episode.receivedAtMicros;
    // notifications_group_key (group_key, received_at) narrows both scans to the group's own rows.
    Statement first = _db.prepare(
        "SELECT n.id, n.received_at FROM notifications n "
        "WHERE n.group_key = ?1 AND n.id < ?2 "
        "AND n.id > coalesce((SELECT max(p.id) FROM notifications p "
        "                     WHERE p.group_key = ?1 AND p.id < ?2 AND p.status = 'resolved'), 0) "
        "AND EXISTS (SELECT 1 FROM outbox o WHERE o.notification_id = n.id AND o.channel = ?3) "
        "ORDER BY n.id LIMIT 1");
    first.bind(1, episode.groupKey).bind(2, notificationId).bind(3, channel);
    if (first.step())
    {
        episode.firstNotificationId = first.integer(0);
        episode.firstReceivedAtMicros = Rfc3339::parseMicros(first.text(1)).value_or(0);
    }
    return episode;
}

} // namespace AlertGate
