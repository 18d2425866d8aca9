#include "store/Schema.h"

#include "store/Database.h"
#include "store/Statement.h"
#include "store/StoreError.h"

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
        // 4: what Alertmanager holds an alert back with ('silenced', 'inhibited'; '' for none), learnt by
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
    };
    return steps;
}

int userVersion(Database& db)
{
    Statement query = db.prepare("PRAGMA user_version");
    query.step();
    return static_cast<int>(query.integer(0));
}

} // namespace

int Schema::currentVersion()
{
    return static_cast<int>(migrations().size());
}

void Schema::migrate(Database& db)
{
    if (userVersion(db) == currentVersion())
        return;
    Transaction transaction(db);
    int version = userVersion(db);
    if (version > currentVersion())
        throw StoreError(db.path() + ": schema version " + std::to_string(version) +
                             " is newer than this alertgate understands (" +
                             std::to_string(currentVersion()) + ")",
                         SQLITE_MISMATCH);
    for (int step = version; step < currentVersion(); ++step)
        db.execute(migrations()[step]);
    db.execute("PRAGMA user_version = " + std::to_string(currentVersion()));
    transaction.commit();
}

} // namespace AlertGate
