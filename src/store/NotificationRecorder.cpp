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

bool NotificationRecorder::isChange(const std::optional<Stored>& stored, const Alert& alert)
{
    if (!stored)
        return true;
    if (isLate(*stored, alert))
        return false;
    return stored->status != alert.status || !sameInstant(stored->startsAt, alert.startsAt);
}

NotificationRecorder::NotificationRecorder(Database& db, const Router* router)
    : _db(db), _router(router),
      _insertNotification(
          db.prepare("INSERT INTO notifications (received_at, status, receiver, group_key, external_url, "
                     "truncated_alerts, "
                     "alert_count, changes, payload) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0, ?8)")),
      // The first alert with the fingerprint: the history reads it back at that position (payload_alert).
      _readPayload(db.prepare("SELECT json_extract(j.value, '$.fingerprint'), json_extract(j.value, "
                              "'$.annotations'), json_extract(j.value, '$.generatorURL'), j.key "
                              "FROM json_each(?1, '$.alerts') j")),
      _latestOfGroup(db.prepare(
          "SELECT id FROM notifications WHERE group_key = ?1 ORDER BY received_at DESC, id DESC LIMIT 1")),
      _countRepeat(db.prepare("INSERT INTO notification_repeats (notification_id, repeats, last_repeat_at) "
                              "VALUES (?1, 1, ?2) ON CONFLICT (notification_id) DO UPDATE SET "
                              "repeats = repeats + 1, last_repeat_at = excluded.last_repeat_at")),
      // No indexed column: a repeat rewrites the alert's row and nothing else. Alertmanager notifies no
      // suppressed alert, so one it lists again is held back by nothing now.
      _refreshAlert(db.prepare("UPDATE alerts SET annotations = ?2, ends_at = ?3, generator_url = ?4, "
                               "last_seen_at = ?5, last_notification_id = ?6, suppressed = '' "
                               "WHERE fingerprint = ?1")),
      _keepEventLabels(
          db.prepare("UPDATE alert_events SET labels = ?2 WHERE fingerprint = ?1 AND labels = ''")),
      _selectAlert(db.prepare(
          "SELECT status, status_reason, starts_at, labels, group_key FROM alerts WHERE fingerprint = ?1")),
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
      _insertEvent(db.prepare(
          "INSERT INTO alert_events (at, fingerprint, notification_id, status, reason, alertname, severity, "
          "labels, annotations, starts_at, ends_at, generator_url, payload_alert) "
          "VALUES (?1, ?2, ?3, ?4, 'notified', ?5, ?6, '', ?7, ?8, ?9, ?10, ?11)")),
      _selectGroupActive(
          db.prepare("SELECT fingerprint FROM alerts WHERE group_key = ?1 AND status = 'firing'")),
      _resolver(db), _updateChanges(db.prepare("UPDATE notifications SET changes = ?2 WHERE id = ?1")),
      _insertOutbox(db.prepare("INSERT INTO outbox (notification_id, channel, created_at, next_attempt_at) "
                               "VALUES (?1, ?2, ?3, ?3)"))
{
}

NotificationRecorder::Result NotificationRecorder::record(const Notification& n,
                                                          std::int64_t receivedAtMicros)
{
    std::string receivedAt = Rfc3339::formatMicros(receivedAtMicros);
    _current = &n;
    _originals.reset();
    std::vector<std::optional<Stored>> stored;
    for (const Alert& alert : n.alerts)
        stored.push_back(lookup(alert.fingerprint));
    std::vector<std::string> absent = findAbsent(n);
    Result result;
    if (auto repeated = repeatedNotification(n, stored, absent))
    {
        countRepeat(n, stored, *repeated, receivedAt);
        result.notificationId = *repeated;
        result.repeat = true;
        return result;
    }
    result.notificationId = insertNotification(n, receivedAt);
    for (std::size_t i = 0; i < n.alerts.size(); ++i)
        if (recordAlert(n.alerts[i], stored[i], n.groupKey, result.notificationId, receivedAt))
            ++result.changes;
    resolveAbsent(absent, result.notificationId, receivedAt);
    result.changes += static_cast<int>(absent.size());
    // A snapshot that changes nothing but could not be counted as a repeat (its group's notification
    // is gone, or an alert moved group) sends nothing again either.
    if (result.changes > 0)
    {
        setChanges(result.notificationId, result.changes);
        result.messages = enqueueMessages(n, result.notificationId, receivedAt);
    }
    return result;
}

// A repeat changes no alert's state, group or labels, and its group has a notification to count it on.
std::optional<std::int64_t>
NotificationRecorder::repeatedNotification(const Notification& n,
                                           const std::vector<std::optional<Stored>>& stored,
                                           const std::vector<std::string>& absent)
{
    if (!absent.empty())
        return std::nullopt;
    for (std::size_t i = 0; i < n.alerts.size(); ++i)
    {
        const Alert& alert = n.alerts[i];
        if (isChange(stored[i], alert))
            return std::nullopt;
        if (!isLate(*stored[i], alert) &&
            (stored[i]->groupKey != n.groupKey || stored[i]->labels != toJson(alert.labels)))
            return std::nullopt;
    }
    _latestOfGroup.bind(1, n.groupKey);
    std::optional<std::int64_t> id;
    if (_latestOfGroup.step())
        id = _latestOfGroup.integer(0);
    _latestOfGroup.reset();
    return id;
}

void NotificationRecorder::countRepeat(const Notification& n,
                                       const std::vector<std::optional<Stored>>& stored,
                                       std::int64_t repeatedId, const std::string& receivedAt)
{
    _countRepeat.bind(1, repeatedId).bind(2, receivedAt);
    _countRepeat.run();
    for (std::size_t i = 0; i < n.alerts.size(); ++i)
    {
        const Alert& alert = n.alerts[i];
        // A late snapshot does not touch the alert (isLate), a repeat of its state refreshes it.
        if (isLate(*stored[i], alert))
            continue;
        _refreshAlert.bind(1, alert.fingerprint)
            .bind(2, toJson(alert.annotations))
            .bind(3, optional(alert.endsAt))
            .bind(4, alert.generatorURL)
            .bind(5, receivedAt)
            .bind(6, repeatedId);
        _refreshAlert.run();
    }
}

std::int64_t NotificationRecorder::insertNotification(const Notification& n, const std::string& receivedAt)
{
    _insertNotification.bind(1, receivedAt)
        .bind(2, n.status)
        .bind(3, n.receiver)
        .bind(4, n.groupKey)
        .bind(5, n.externalURL)
        .bind(6, static_cast<std::int64_t>(n.truncatedAlerts))
        .bind(7, static_cast<std::int64_t>(n.alerts.size()))
        .bind(8, n.rawPayload);
    _insertNotification.run();
    return _db.lastInsertId();
}

// Returns true when the alert's state changed, i.e. an event was recorded.
bool NotificationRecorder::recordAlert(const Alert& alert, const std::optional<Stored>& stored,
                                       const std::string& groupKey, std::int64_t notificationId,
                                       const std::string& receivedAt)
{
    if (stored && isLate(*stored, alert))
        return false;
    bool changed = isChange(stored, alert);
    keepLabelsOfPastEvents(alert, stored);
    upsertAlert(alert, groupKey, notificationId, receivedAt);
    if (changed)
        insertEvent(alert, notificationId, receivedAt);
    return changed;
}

std::optional<NotificationRecorder::Stored> NotificationRecorder::lookup(const std::string& fingerprint)
{
    _selectAlert.bind(1, fingerprint);
    std::optional<Stored> stored;
    if (_selectAlert.step())
        stored = Stored{_selectAlert.text(0), _selectAlert.text(1), _selectAlert.text(2),
                        _selectAlert.text(3), _selectAlert.text(4)};
    _selectAlert.reset();
    return stored;
}

// Past events read their labels from the alert's row. Alertmanager's fingerprint is the hash of the
// labels, so they never differ; should a sender reuse a fingerprint for other labels, the past events
// keep their own copy before the row changes.
void NotificationRecorder::keepLabelsOfPastEvents(const Alert& alert, const std::optional<Stored>& stored)
{
    if (!stored || stored->labels == toJson(alert.labels))
        return;
    _keepEventLabels.bind(1, alert.fingerprint).bind(2, stored->labels);
    _keepEventLabels.run();
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

void NotificationRecorder::insertEvent(const Alert& alert, std::int64_t notificationId,
                                       const std::string& receivedAt)
{
    std::optional<std::int64_t> position = positionInPayload(alert);
    bool original = position.has_value();
    _insertEvent.bind(1, receivedAt)
        .bind(2, alert.fingerprint)
        .bind(3, notificationId)
        .bind(4, alert.status)
        .bind(5, alert.label("alertname"))
        .bind(6, alert.label("severity"))
        .bind(7, original ? std::string() : toJson(alert.annotations))
        .bind(8, alert.startsAt)
        .bind(9, optional(alert.endsAt))
        .bind(10, original ? std::string() : alert.generatorURL);
    if (position)
        _insertEvent.bind(11, *position);
    else
        _insertEvent.bindNull(11);
    _insertEvent.run();
}

// Where in the notification's payload the history reads this alert's annotations and generator URL, when
// it gets there exactly what the parser gave (so the event need not keep a copy). The payload is read
// once per notification, on its first event.
std::optional<std::int64_t> NotificationRecorder::positionInPayload(const Alert& alert)
{
    if (!_originals)
    {
        _originals.emplace();
        _readPayload.bind(1, _current->rawPayload);
        while (_readPayload.step())
            if (!_readPayload.isNull(0))
                _originals->emplace(_readPayload.text(0),
                                    Original{_readPayload.integer(3), _readPayload.optionalText(1),
                                             _readPayload.optionalText(2)});
        _readPayload.reset();
    }
    auto found = _originals->find(alert.fingerprint);
    if (found == _originals->end() || !found->second.annotations || !found->second.generatorURL ||
        *found->second.generatorURL != alert.generatorURL)
        return std::nullopt;
    try
    {
        if (labelSetFromJson(*found->second.annotations) == alert.annotations)
            return found->second.position;
    }
    catch (const std::exception&)
    {
    }
    return std::nullopt;
}

// The group's firing alerts that a complete notification of the group no longer lists.
std::vector<std::string> NotificationRecorder::findAbsent(const Notification& n)
{
    std::vector<std::string> absent;
    // A truncated notification does not list the whole group: absence proves nothing.
    if (n.truncatedAlerts > 0)
        return absent;
    std::set<std::string> listed;
    for (const Alert& alert : n.alerts)
        listed.insert(alert.fingerprint);
    _selectGroupActive.bind(1, n.groupKey);
    while (_selectGroupActive.step())
        if (listed.count(_selectGroupActive.text(0)) == 0)
            absent.push_back(_selectGroupActive.text(0));
    _selectGroupActive.reset();
    return absent;
}

void NotificationRecorder::resolveAbsent(const std::vector<std::string>& absent, std::int64_t notificationId,
                                         const std::string& receivedAt)
{
    for (const std::string& fingerprint : absent)
        _resolver.resolve(fingerprint, "absent", receivedAt, notificationId);
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
