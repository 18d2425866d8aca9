#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace AlertGate {

class Database;

/// A notification and where its alert group's firing episode began, as one channel saw it.
struct Episode
{
    std::int64_t notificationId = 0;
    std::int64_t receivedAtMicros = 0;
    std::string groupKey;
    std::int64_t firstNotificationId = 0; /// The episode's first notification with a message on the channel.
    std::int64_t firstReceivedAtMicros = 0;

    bool isFirst() const { return notificationId == firstNotificationId; }
};

/// Read-only: the firing episode of an alert group, derived from the notifications already stored. An
/// episode is the run of a group's notifications after its last all-resolved one (a notification
/// whose status is `resolved`); its first message is the first of that run that queued a message on
/// the channel. Nothing is stored for it, so it needs no schema of its own and survives a restart.
class EpisodeQuery
{
public:
    explicit EpisodeQuery(Database& db);

    std::optional<Episode> of(const std::string& channel, std::int64_t notificationId);
    /// Nothing when the notification is unknown (deleted by retention).

private:
    Database& _db;
};

} // namespace AlertGate
