#include "store/Schema.h"

#include "store/Database.h"
#include "store/StoreError.h"

#include <Poco/Logger.h>

#include <sqlite3.h>

#include <string>
#include <vector>

namespace AlertGate {

namespace {

// Each entry moves the schema from version i to i+1. Never edit a released entry; append a new one.
const std::vector<const char*>& migrations()
{
    static const std::vector<const char*> steps = {
        R"SQL(
CREATE TABLE notifications (
    id                 INTEGER PRIMARY KEY,
    received_at        TEXT    NOT NULL,
    status             TEXT    NOT NULL CHECK (status IN ('firing', 'resolved')),
    receiver           TEXT    NOT NULL,
    group_key          TEXT    NOT NULL,
    group_labels       TEXT    NOT NULL,
    common_labels      TEXT    NOT NULL,
    common_annotations TEXT    NOT NULL,
    external_url       TEXT    NOT NULL,
    truncated_alerts   INTEGER NOT NULL,
    alert_count        INTEGER NOT NULL,
    changes            INTEGER NOT NULL,
    payload            TEXT    NOT NULL
);
CREATE INDEX notifications_received_at ON notifications (received_at);
CREATE INDEX notifications_group_key ON notifications (group_key, received_at);

CREATE TABLE alerts (
    fingerprint          TEXT    PRIMARY KEY,
    alertname            TEXT    NOT NULL,
    severity             TEXT    NOT NULL,
    status               TEXT    NOT NULL CHECK (status IN ('firing', 'resolved')),
    status_reason        TEXT    NOT NULL,
    labels               TEXT    NOT NULL,
    annotations          TEXT    NOT NULL,
    starts_at            TEXT    NOT NULL,
    ends_at              TEXT,
    generator_url        TEXT    NOT NULL,
    first_seen_at        TEXT    NOT NULL,
    last_seen_at         TEXT    NOT NULL,
    last_notification_id INTEGER NOT NULL REFERENCES notifications (id)
);
CREATE INDEX alerts_status_severity ON alerts (status, severity);

CREATE TABLE alert_labels (
    fingerprint TEXT NOT NULL REFERENCES alerts (fingerprint) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    value       TEXT NOT NULL,
    PRIMARY KEY (fingerprint, name)
) WITHOUT ROWID;
CREATE INDEX alert_labels_name_value ON alert_labels (name, value);

CREATE TABLE alert_events (
    id              INTEGER PRIMARY KEY,
    at              TEXT    NOT NULL,
    fingerprint     TEXT    NOT NULL REFERENCES alerts (fingerprint),
    notification_id INTEGER REFERENCES notifications (id),
    status          TEXT    NOT NULL CHECK (status IN ('firing', 'resolved')),
    reason          TEXT    NOT NULL,
    alertname       TEXT    NOT NULL,
    severity        TEXT    NOT NULL,
    labels          TEXT    NOT NULL,
    annotations     TEXT    NOT NULL,
    starts_at       TEXT    NOT NULL,
    ends_at         TEXT,
    generator_url   TEXT    NOT NULL
);
CREATE INDEX alert_events_at ON alert_events (at);
CREATE INDEX alert_events_fingerprint_at ON alert_events (fingerprint, at);
CREATE INDEX alert_events_alertname_at ON alert_events (alertname, at);
CREATE INDEX alert_events_severity_at ON alert_events (severity, at);
CREATE INDEX alert_events_notification ON alert_events (notification_id);

CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    notification_id INTEGER NOT NULL REFERENCES notifications (id),
    channel         TEXT    NOT NULL,
    state           TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'dead')),
    created_at      TEXT    NOT NULL,
    next_attempt_at TEXT    NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    delivered_at    TEXT,
    last_error      TEXT
);
CREATE INDEX outbox_due ON outbox (channel, state, next_attempt_at, id);
CREATE INDEX outbox_notification ON outbox (notification_id);

CREATE TABLE store_probe (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    written_at TEXT NOT NULL
);

CREATE VIEW active_alerts AS
    SELECT fingerprint, alertname, severity, labels, annotations, starts_at, generator_url,
           first_seen_at, last_seen_at
    FROM alerts WHERE status = 'firing';

CREATE VIEW history AS
    SELECT e.id, e.at, e.status, e.reason, e.alertname, e.severity, e.fingerprint, e.labels,
           e.annotations, e.starts_at, e.ends_at, e.generator_url, e.notification_id,
           n.receiver, n.group_key, n.truncated_alerts
    FROM alert_events e LEFT JOIN notifications n ON n.id = e.notification_id;
)SQL",
        // 2: silences ("quiet until a new alert fires"), shown in the history view as events of their
        // own: status 'silenced', who gave it and how (api, cli, button) as labels, the comment as an
        // annotation. Filters on alertname, severity or labels leave them out.
        R"SQL(
CREATE TABLE silences (
    id      INTEGER PRIMARY KEY,
    at      TEXT    NOT NULL,
    by      TEXT    NOT NULL,
    via     TEXT    NOT NULL CHECK (via IN ('api', 'cli', 'button')),
    comment TEXT    NOT NULL
);
CREATE INDEX silences_at ON silences (at);

DROP VIEW history;
CREATE VIEW history AS
    SELECT e.id, e.at, e.status, e.reason, e.alertname, e.severity, e.fingerprint, e.labels,
           e.annotations, e.starts_at, e.ends_at, e.generator_url, e.notification_id,
           n.receiver, n.group_key, n.truncated_alerts
    FROM alert_events e LEFT JOIN notifications n ON n.id = e.notification_id
    UNION ALL
    SELECT s.id, s.at, 'silenced', 'silenced', '', '', '', json_object('by', s.by, 'via', s.via),
           json_object('comment', s.comment), s.at, NULL, '', NULL, '', '', 0
    FROM silences s;
)SQL",
        // 3: the group an alert was last notified in, so that finding the alerts a group's notification
        // no longer lists (resolved 'absent') reads that group's alerts, not every firing alert.
        R"SQL(
ALTER TABLE alerts ADD COLUMN group_key TEXT NOT NULL DEFAULT '';
UPDATE alerts SET group_key = (SELECT n.group_key FROM notifications n WHERE n.id = alerts.last_notification_id);
CREATE INDEX alerts_group_status ON alerts (group_key, status);
)SQL",
        // 4: a lean store (issue 15). Each fact is stored once: a notification's group labels, common
        // labels and annotations are in its payload; a notified event's labels are its alert's (the
        // fingerprint is the hash of the labels), its annotations and generator URL are in the payload of
        // its notification. Such copies are left empty ('') and the history view reads the original;
        // an event that differs from its original (or has none: absent, stale) keeps its own copy.
        // A notification that changes nothing is counted on the one it repeats (notification_repeats: a
        // table of its own, so counting never rewrites a notification row and its payload).
        // The severity index goes: four values, and it misled the planner for --alertname + --severity.
        R"SQL(
ALTER TABLE notifications DROP COLUMN group_labels;
ALTER TABLE notifications DROP COLUMN common_labels;
ALTER TABLE notifications DROP COLUMN common_annotations;
CREATE TABLE notification_repeats (
    notification_id INTEGER PRIMARY KEY REFERENCES notifications (id) ON DELETE CASCADE,
    repeats         INTEGER NOT NULL,
    last_repeat_at  TEXT    NOT NULL
);
DROP INDEX alert_events_severity_at;

UPDATE alert_events SET labels = ''
WHERE labels = (SELECT a.labels FROM alerts a WHERE a.fingerprint = alert_events.fingerprint);

UPDATE alert_events SET annotations = '', generator_url = ''
WHERE reason = 'notified' AND notification_id IS NOT NULL AND
    (SELECT json_extract(j.value, '$.generatorURL') IS alert_events.generator_url AND
            (SELECT json_group_object(key, value) FROM
                 (SELECT key, value FROM json_each(j.value, '$.annotations') ORDER BY key)) IS
            (SELECT json_group_object(key, value) FROM
                 (SELECT key, value FROM json_each(alert_events.annotations) ORDER BY key))
     FROM notifications n, json_each(n.payload, '$.alerts') j
     WHERE n.id = alert_events.notification_id AND json_extract(j.value, '$.fingerprint') = alert_events.fingerprint
     LIMIT 1);

DROP VIEW history;
CREATE TABLE store_state (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    running    INTEGER NOT NULL,
    changed_at TEXT    NOT NULL
);

CREATE VIEW notified_alert AS
    SELECT n.id AS notification_id, json_extract(j.value, '$.fingerprint') AS fingerprint, j.id AS position,
           json_extract(j.value, '$.annotations') AS annotations,
           json_extract(j.value, '$.generatorURL') AS generator_url
    FROM notifications n, json_each(n.payload, '$.alerts') j;
CREATE VIEW history AS
    SELECT e.id, e.at, e.status, e.reason, e.alertname, e.severity, e.fingerprint,
           CASE WHEN e.labels = '' THEN a.labels ELSE e.labels END AS labels,
           CASE WHEN e.annotations = '' THEN
               (SELECT p.annotations FROM notified_alert p WHERE p.notification_id = e.notification_id
                AND p.fingerprint = e.fingerprint LIMIT 1)
           ELSE e.annotations END AS annotations,
           e.starts_at, e.ends_at,
           CASE WHEN e.annotations = '' THEN
               (SELECT p.generator_url FROM notified_alert p WHERE p.notification_id = e.notification_id
                AND p.fingerprint = e.fingerprint LIMIT 1)
           ELSE e.generator_url END AS generator_url,
           e.notification_id, n.receiver, n.group_key, n.truncated_alerts
    FROM alert_events e LEFT JOIN notifications n ON n.id = e.notification_id
    LEFT JOIN alerts a ON a.fingerprint = e.fingerprint
    UNION ALL
    SELECT s.id, s.at, 'silenced', 'silenced', '', '', '', json_object('by', s.by, 'via', s.via),
           json_object('comment', s.comment), s.at, NULL, '', NULL, '', '', 0
    FROM silences s;
)SQL",
        // 5: the Slack message of each alert group's firing episode (Slack app mode), so that later
        // changes update it (chat.update) and reply in its thread. The episode is named by its first
        // notification that queued a Slack message (EpisodeQuery).
        R"SQL(
CREATE TABLE slack_messages (
    group_key                  TEXT    NOT NULL,
    episode_notification_id    INTEGER NOT NULL,
    channel                    TEXT    NOT NULL,
    ts                         TEXT    NOT NULL,
    posted_at                  TEXT    NOT NULL,
    PRIMARY KEY (group_key, episode_notification_id)
);
)SQL",
        // 6: what Alertmanager holds an alert back with ('silenced', 'inhibited'; '' for none), learnt by
        // reconciliation with its API; a suppressed alert lights no lamp by default. Shown in active_alerts.
        R"SQL(
ALTER TABLE alerts ADD COLUMN suppressed TEXT NOT NULL DEFAULT ''
    CHECK (suppressed IN ('', 'silenced', 'inhibited'));
DROP VIEW active_alerts;
CREATE VIEW active_alerts AS
    SELECT fingerprint, alertname, severity, labels, annotations, starts_at, generator_url,
           first_seen_at, last_seen_at, suppressed
    FROM alerts WHERE status = 'firing';
)SQL",
        // 7: fewer pages per new alert, fewer JSON parses per history row (issue 15).
        // alert_labels becomes a view over alerts.labels: as a table with its (name, value) index it took
        // 6 of the 20 pages a lone new alert wrote (one random place per label). A label filter now reads
        // the alerts' labels (one row per alert, however long its history).
        // payload_alert: where in its notification's payload an event with annotations '' finds them and its
        // generator URL, so the history extracts them by path instead of walking the payload's alerts.
        // notified_alert's position is that same place (it was json_each's node id, which no query used).
        R"SQL(
DROP TABLE alert_labels;
CREATE VIEW alert_labels AS
    SELECT a.fingerprint AS fingerprint, l.key AS name, l.value AS value FROM alerts a, json_each(a.labels) l;

DROP VIEW history;
DROP VIEW notified_alert;
CREATE VIEW notified_alert AS
    SELECT n.id AS notification_id, json_extract(j.value, '$.fingerprint') AS fingerprint,
           CAST(j.key AS INTEGER) AS position, json_extract(j.value, '$.annotations') AS annotations,
           json_extract(j.value, '$.generatorURL') AS generator_url
    FROM notifications n, json_each(CASE WHEN json_valid(n.payload) THEN n.payload ELSE '{}' END, '$.alerts') j;

ALTER TABLE alert_events ADD COLUMN payload_alert INTEGER;
UPDATE alert_events SET payload_alert = p.position
FROM (SELECT notification_id, fingerprint, min(position) AS position FROM notified_alert GROUP BY 1, 2) p
WHERE alert_events.annotations = '' AND alert_events.notification_id = p.notification_id
    AND alert_events.fingerprint = p.fingerprint;

CREATE VIEW history AS
    SELECT e.id, e.at, e.status, e.reason, e.alertname, e.severity, e.fingerprint,
           CASE WHEN e.labels = '' THEN a.labels ELSE e.labels END AS labels,
           CASE WHEN e.annotations = '' THEN
               json_extract(n.payload, '$.alerts[' || e.payload_alert || '].annotations')
           ELSE e.annotations END AS annotations,
           e.starts_at, e.ends_at,
           CASE WHEN e.annotations = '' THEN
               json_extract(n.payload, '$.alerts[' || e.payload_alert || '].generatorURL')
           ELSE e.generator_url END AS generator_url,
           e.notification_id, n.receiver, n.group_key, n.truncated_alerts
    FROM alert_events e LEFT JOIN notifications n ON n.id = e.notification_id
    LEFT JOIN alerts a ON a.fingerprint = e.fingerprint
    UNION ALL
    SELECT s.id, s.at, 'silenced', 'silenced', '', '', '', json_object('by', s.by, 'via', s.via),
           json_object('comment', s.comment), s.at, NULL, '', NULL, '', '', 0
    FROM silences s;
)SQL",
    };
    return steps;
}

int userVersion(Database& db)
{
    return static_cast<int>(db.pragma("user_version"));
}

Poco::Logger& logger()
{
    return Poco::Logger::get("store");
}

// Each statement of the one migration transaction keeps a statement journal: the pages it changes that the
// statements before it had already changed, so that it could be undone alone. With temp_store=MEMORY that
// journal never spills to a file, and migrating a store of a million events held about 1 GB of memory
// (for the daemon's whole life: the heap is not given back), more than many a Pi has.
class TempStoreOnDisk
{
public:
    explicit TempStoreOnDisk(Database& db) : _db(db) { _db.execute("PRAGMA temp_store = FILE"); }
    ~TempStoreOnDisk()
    {
        try
        {
            _db.execute("PRAGMA temp_store = MEMORY");
        }
        catch (const std::exception& e)
        {
            logger().warning("%s: temporary tables stay on disk: %s", _db.path(), std::string(e.what()));
        }
    }
    TempStoreOnDisk(const TempStoreOnDisk&) = delete;
    TempStoreOnDisk& operator=(const TempStoreOnDisk&) = delete;

private:
    Database& _db;
};

} // namespace

int Schema::currentVersion()
{
    return static_cast<int>(migrations().size());
}

void Schema::migrate(Database& db)
{
    if (userVersion(db) != currentVersion())
        migrateSteps(db);
    analyze(db);
}

void Schema::migrateSteps(Database& db)
{
    TempStoreOnDisk onDisk(db);
    Transaction transaction(db);
    int version = userVersion(db);
    if (version > currentVersion())
        throw StoreError(db.path() + ": this store was written by a newer alertgate (schema version " +
                             std::to_string(version) + "; this alertgate knows versions up to " +
                             std::to_string(currentVersion()) +
                             "). Install that newer alertgate again, or move the file aside to start a new "
                             "history with this one; a store is never downgraded.",
                         SQLITE_MISMATCH);
    // A large store takes minutes: say why the daemon is not ready yet.
    if (version > 0)
        logger().notice("%s: migrating the schema from version %d to %d (one transaction; the daemon is "
                        "ready when it is done)",
                        db.path(), version, currentVersion());
    for (int step = version; step < currentVersion(); ++step)
        db.execute(migrations()[step]);
    db.execute("PRAGMA user_version = " + std::to_string(currentVersion()));
    transaction.commit();
    if (version > 0)
        logger().notice("%s: schema migrated from version %d to %d", db.path(), version, currentVersion());
}

// Statistics for the planner, so that --alertname with --severity reads the alertname index. Bounded:
// analysis_limit samples a few hundred rows per index, whatever the size of the store.
void Schema::analyze(Database& db)
{
    db.execute("PRAGMA analysis_limit = 400; ANALYZE");
}

} // namespace AlertGate
