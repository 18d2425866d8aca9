#pragma once

#include "core/Notification.h"
#include "store/AlertResolver.h"
#include "store/Statement.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace AlertGate {

class Database;
class Router;

/// Writes one notification into the store, inside the caller's transaction: the notification row, the
/// current state of each alert (by fingerprint) and an event for each real change. A notification
/// that repeats what the store already knows (Alertmanager's repeat_interval, retries, HA pairs) adds
/// no row: it is counted on the latest notification of its group (notification_repeats) and refreshes
/// its alerts' last_seen_at, a few bytes in two pages, so repeats cost almost nothing.
///
/// Each fact is stored once: an event of a notification keeps its labels, annotations and generator
/// URL empty when its alert's row and its notification's payload hold the same (see Schema.cpp, step 4).
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
        int changes = 0;     /// Events recorded: alerts that appeared, fired again, resolved or went absent.
        int messages = 0;    /// Outbox messages queued.
        bool repeat = false; /// Counted on notificationId, which it repeats.
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
        std::string labels;
        std::string groupKey;
    };
    /// What the payload says of one alert (the first with its fingerprint), as the history reads it.
    struct Original
    {
        std::int64_t position = 0; /// In the payload's alerts array.
        std::optional<std::string> annotations;
        std::optional<std::string> generatorURL;
    };

    static bool isLate(const Stored& stored, const Alert& alert);
    static bool isChange(const std::optional<Stored>& stored, const Alert& alert);
    std::optional<std::int64_t> repeatedNotification(const Notification& n,
                                                     const std::vector<std::optional<Stored>>& stored,
                                                     const std::vector<std::string>& absent);
    void countRepeat(const Notification& n, const std::vector<std::optional<Stored>>& stored,
                     std::int64_t repeatedId, const std::string& receivedAt);
    std::int64_t insertNotification(const Notification& n, const std::string& receivedAt);
    bool recordAlert(const Alert& alert, const std::optional<Stored>& stored, const std::string& groupKey,
                     std::int64_t notificationId, const std::string& receivedAt);
    std::optional<Stored> lookup(const std::string& fingerprint);
    void upsertAlert(const Alert& alert, const std::string& groupKey, std::int64_t notificationId,
                     const std::string& receivedAt);
    void keepLabelsOfPastEvents(const Alert& alert, const std::optional<Stored>& stored);
    void insertEvent(const Alert& alert, std::int64_t notificationId, const std::string& receivedAt);
    std::optional<std::int64_t> positionInPayload(const Alert& alert);
    std::vector<std::string> findAbsent(const Notification& n);
    void resolveAbsent(const std::vector<std::string>& absent, std::int64_t notificationId,
                       const std::string& receivedAt);
    void setChanges(std::int64_t notificationId, int changes);
    int enqueueMessages(const Notification& n, std::int64_t notificationId, const std::string& receivedAt);

    Database& _db;
    const Router* _router;
    const Notification* _current = nullptr;
    std::optional<std::map<std::string, Original>> _originals; /// Of _current, read on first use.
    Statement _insertNotification;
    Statement _readPayload;
    Statement _latestOfGroup;
    Statement _countRepeat;
    Statement _refreshAlert;
    Statement _keepEventLabels;
    Statement _selectAlert;
    Statement _upsertAlert;
    Statement _insertEvent;
    Statement _selectGroupActive;
    AlertResolver _resolver;
    Statement _updateChanges;
    Statement _insertOutbox;
};

} // namespace AlertGate
