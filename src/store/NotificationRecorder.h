#pragma once

#include "core/Notification.h"
#include "store/AlertResolver.h"
#include "store/Statement.h"

#include <cstdint>

namespace AlertGate {

class Database;
class Router;

/// Writes one notification into the store, inside the caller's transaction: the notification row, the
/// current state of each alert (by fingerprint) and an event for each real change. A notification
/// that repeats what the store already knows adds its own row and no events, so Alertmanager's
/// duplicates and re-notifications are harmless.
///
/// A notification lists every alert of its group that Alertmanager still notifies. An alert that
/// is active here, was last notified in the same group, and is missing from a complete
/// (untruncated) notification of that group was inhibited, silenced, or resolved with
/// send_resolved off: Alertmanager never sends a "resolved" for it. It is recorded as resolved
/// with the reason "absent". If it comes back, it is recorded as firing again.
class NotificationRecorder
{
public:
    struct Result
    {
        std::int64_t notificationId = 0;
        int changes = 0;  /// Events recorded: alerts that appeared, fired again, resolved or went absent.
        int messages = 0; /// Outbox messages queued.
    };

    explicit NotificationRecorder(Database& db, const Router* router = nullptr);
    /// With a router, a notification that changed something also queues one outbox message per
    /// channel the router selects, in the same transaction: acknowledged means queued.

    Result record(const Notification& notification, std::int64_t receivedAtMicros);

private:
    struct Stored
    {
        std::string status;
        std::string statusReason;
        std::string startsAt;
    };

    static bool isLate(const Stored& stored, const Alert& alert);
    std::int64_t insertNotification(const Notification& n, const std::string& receivedAt);
    bool recordAlert(const Alert& alert, const std::string& groupKey, std::int64_t notificationId,
                     const std::string& receivedAt);
    std::optional<Stored> lookup(const std::string& fingerprint);
    void upsertAlert(const Alert& alert, const std::string& groupKey, std::int64_t notificationId,
                     const std::string& receivedAt);
    void insertLabels(const Alert& alert);
    void insertEvent(const Alert& alert, std::int64_t notificationId, const std::string& receivedAt);
    int resolveAbsent(const Notification& n, std::int64_t notificationId, const std::string& receivedAt);
    void setChanges(std::int64_t notificationId, int changes);
    int enqueueMessages(const Notification& n, std::int64_t notificationId, const std::string& receivedAt);

    Database& _db;
    const Router* _router;
    Statement _insertNotification;
    Statement _selectAlert;
    Statement _upsertAlert;
    Statement _insertLabel;
    Statement _insertEvent;
    Statement _selectGroupActive;
    AlertResolver _resolver;
    Statement _updateChanges;
    Statement _insertOutbox;
};

} // namespace AlertGate
