#include "store/NotificationRecorder.h"

#include "core/LabelSetJson.h"
#include "core/Rfc3339.h"
#include "core/Router.h"
#include "store/Database.h"

#include <set>
#include <vector>

namespace AlertGate {

namespace {

bool sameInstant(const std::string& a, const std::string& b)
{
    return a == b || Rfc3339::parseMicros(a) == Rfc3339::parseMicros(b);
}

std::optional<std::string> optional(const std::string& text)
{
    return text.empty() ? std::nullopt : std::optional<std::string>(text);
}

bool startedEarlier(const std::string& a, const std::string& b)
{
    return Rfc3339::parseMicros(a) < Rfc3339::parseMicros(b);
}

} // namespace

// Alertmanager gives each firing episode its own startsAt. A notification about an episode the store
// has already moved past is late (HA pairs, retries) and must not change the alert's state:
// "firing" for an episode Alertmanager resolved, or "resolved" for an episode older than the firing one.
// Only these two cases: Alertmanager may move an episode's startsAt earlier when it merges alerts.
bool NotificationRecorder::isLate(const Stored& stored, const Alert& alert)
{
    bool firingOfResolvedEpisode = stored.status == "resolved" && stored.statusReason == "notified" &&
                                   alert.firing() && sameInstant(stored.startsAt, alert.startsAt);
    bool resolvedOfOlderEpisode =
        stored.status == "firing" && !alert.firing() && startedEarlier(alert.startsAt, stored.startsAt);
    return firingOfResolvedEpisode || resolvedOfOlderEpisode;
}

NotificationRecorder::NotificationRecorder(Database& db, const Router* router)
    : _db(db), _router(router),
      _insertNotification(db.prepare(
          "INSERT INTO notifications (received_at, status, receiver, group_key, group_labels, common_labels, "
          "common_annotations, external_url, truncated_alerts, alert_count, changes, payload) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 0, ?11)")),
      _selectAlert(db.prepare("SELECT status, status_reason, starts_at FROM alerts WHERE fingerprint = ?1")),
      _upsertAlert(db.prepare(
          "INSERT INTO alerts (fingerprint, alertname, severity, status, status_reason, labels, annotations, "
          "starts_at, ends_at, generator_url, first_seen_at, last_seen_at, last_notification_id, group_key) "
          "VALUES (?1, ?2, ?3, ?4, 'notified', ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?11, ?12) "
          "ON CONFLICT (fingerprint) DO UPDATE SET alertname = excluded.alertname, severity = "
          "excluded.severity, "
          "status = excluded.status, status_reason = excluded.status_reason, labels = excluded.labels, "
          "annotations = excluded.annotations, starts_at = excluded.starts_at, ends_at = excluded.ends_at, "
          "generator_url = excluded.generator_url, last_seen_at = excluded.last_seen_at, "
          // Alertmanager notifies no suppressed alert: one it lists is held back by nothing now.
          "suppressed = '', "
          // First seen in its current state: a new firing episode re-arms a silenced buzzer.
          "first_seen_at = CASE WHEN alerts.status = excluded.status AND alerts.starts_at = "
          "excluded.starts_at "
          "THEN alerts.first_seen_at ELSE excluded.first_seen_at END, "
          "last_notification_id = excluded.last_notification_id, group_key = excluded.group_key")),
      _insertLabel(
          db.prepare("INSERT OR REPLACE INTO alert_labels (fingerprint, name, value) VALUES (?1, ?2, ?3)")),
      _insertEvent(db.prepare(
          "INSERT INTO alert_events (at, fingerprint, notification_id, status, reason, alertname, severity, "
          "labels, annotations, starts_at, ends_at, generator_url) "
          "VALUES (?1, ?2, ?3, ?4, 'notified', ?5, ?6, ?7, ?8, ?9, ?10, ?11)")),
      _selectGroupActive(db.prepare("SELECT fingerprint FROM alerts WHERE group_key = ?1 AND status = "
                                    "'firing' AND last_notification_id <> ?2")),
      _resolver(db), _updateChanges(db.prepare("UPDATE notifications SET changes = ?2 WHERE id = ?1")),
      _insertOutbox(db.prepare("INSERT INTO outbox (notification_id, channel, created_at, next_attempt_at) "
                               "VALUES (?1, ?2, ?3, ?3)"))
{
}

NotificationRecorder::Result NotificationRecorder::record(const Notification& n,
                                                          std::int64_t receivedAtMicros)
{
    std::string receivedAt = Rfc3339::formatMicros(receivedAtMicros);
    Result result;
    result.notificationId = insertNotification(n, receivedAt);
    for (const Alert& alert : n.alerts)
        if (recordAlert(alert, n.groupKey, result.notificationId, receivedAt))
            ++result.changes;
    result.changes += resolveAbsent(n, result.notificationId, receivedAt);
    // A repeated snapshot (Alertmanager's retries, HA pairs, repeat_interval) changes nothing and
    // sends nothing again.
    if (result.changes > 0)
    {
        setChanges(result.notificationId, result.changes);
        result.messages = enqueueMessages(n, result.notificationId, receivedAt);
    }
    return result;
}

std::int64_t NotificationRecorder::insertNotification(const Notification& n, const std::string& receivedAt)
{
    _insertNotification.bind(1, receivedAt)
        .bind(2, n.status)
        .bind(3, n.receiver)
        .bind(4, n.groupKey)
        .bind(5, toJson(n.groupLabels))
        .bind(6, toJson(n.commonLabels))
        .bind(7, toJson(n.commonAnnotations))
        .bind(8, n.externalURL)
        .bind(9, static_cast<std::int64_t>(n.truncatedAlerts))
        .bind(10, static_cast<std::int64_t>(n.alerts.size()))
        .bind(11, n.rawPayload);
    _insertNotification.run();
    return _db.lastInsertId();
}

// Returns true when the alert's state changed, i.e. an event was recorded.
bool NotificationRecorder::recordAlert(const Alert& alert, const std::string& groupKey,
                                       std::int64_t notificationId, const std::string& receivedAt)
{
    auto stored = lookup(alert.fingerprint);
    bool isNew = !stored;
    bool changed = isNew || stored->status != alert.status || !sameInstant(stored->startsAt, alert.startsAt);
    if (!isNew && isLate(*stored, alert))
        return false;
    upsertAlert(alert, groupKey, notificationId, receivedAt);
    if (isNew)
        insertLabels(alert);
    if (changed)
        insertEvent(alert, notificationId, receivedAt);
    return changed;
}

std::optional<NotificationRecorder::Stored> NotificationRecorder::lookup(const std::string& fingerprint)
{
    _selectAlert.bind(1, fingerprint);
    std::optional<Stored> stored;
    if (_selectAlert.step())
        stored = Stored{_selectAlert.text(0), _selectAlert.text(1), _selectAlert.text(2)};
    _selectAlert.reset();
    return stored;
}

void NotificationRecorder::upsertAlert(const Alert& alert, const std::string& groupKey,
                                       std::int64_t notificationId, const std::string& receivedAt)
{
    _upsertAlert.bind(1, alert.fingerprint)
        .bind(2, alert.label("alertname"))
        .bind(3, alert.label("severity"))
        .bind(4, alert.status)
        .bind(5, toJson(alert.labels))
        .bind(6, toJson(alert.annotations))
        .bind(7, alert.startsAt)
        .bind(8, optional(alert.endsAt))
        .bind(9, alert.generatorURL)
        .bind(10, receivedAt)
        .bind(11, notificationId)
        .bind(12, groupKey);
    _upsertAlert.run();
}

void NotificationRecorder::insertLabels(const Alert& alert)
{
    for (const auto& [name, value] : alert.labels)
    {
        _insertLabel.bind(1, alert.fingerprint).bind(2, name).bind(3, value);
        _insertLabel.run();
    }
}

void NotificationRecorder::insertEvent(const Alert& alert, std::int64_t notificationId,
                                       const std::string& receivedAt)
{
    _insertEvent.bind(1, receivedAt)
        .bind(2, alert.fingerprint)
        .bind(3, notificationId)
        .bind(4, alert.status)
        .bind(5, alert.label("alertname"))
        .bind(6, alert.label("severity"))
        .bind(7, toJson(alert.labels))
        .bind(8, toJson(alert.annotations))
        .bind(9, alert.startsAt)
        .bind(10, optional(alert.endsAt))
        .bind(11, alert.generatorURL);
    _insertEvent.run();
}

int NotificationRecorder::resolveAbsent(const Notification& n, std::int64_t notificationId,
                                        const std::string& receivedAt)
{
    // A truncated notification does not list the whole group: absence proves nothing.
    if (n.truncatedAlerts > 0)
        return 0;
    std::set<std::string> listed;
    for (const Alert& alert : n.alerts)
        listed.insert(alert.fingerprint);
    std::vector<std::string> absent;
    _selectGroupActive.bind(1, n.groupKey).bind(2, notificationId);
    while (_selectGroupActive.step())
        if (listed.count(_selectGroupActive.text(0)) == 0)
            absent.push_back(_selectGroupActive.text(0));
    _selectGroupActive.reset();
    for (const std::string& fingerprint : absent)
        _resolver.resolve(fingerprint, "absent", receivedAt, notificationId);
    return static_cast<int>(absent.size());
}

int NotificationRecorder::enqueueMessages(const Notification& n, std::int64_t notificationId,
                                          const std::string& receivedAt)
{
    if (!_router)
        return 0;
    int count = 0;
    for (const auto& channel : _router->channelsFor(n))
    {
        _insertOutbox.bind(1, notificationId).bind(2, channel).bind(3, receivedAt);
        _insertOutbox.run();
        ++count;
    }
    return count;
}

void NotificationRecorder::setChanges(std::int64_t notificationId, int changes)
{
    _updateChanges.bind(1, notificationId).bind(2, static_cast<std::int64_t>(changes));
    _updateChanges.run();
}

} // namespace AlertGate
