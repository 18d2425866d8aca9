"""`alertgate history` and GET /api/v1/history over a store of a million alert events.

The store is made by the daemon itself (it creates and migrates the schema at start-up); then SQLite's
own SQL fills it, the way the daemon lays rows out: 2,000 alerts (20 alert names x 100 instances),
their events spread evenly over `days` days up to now, alternating firing/resolved per alert, four
events per notification (each notification keeps its raw payload listing its four alerts, as the daemon
does; in the layout of schema version 3, which a newer alertgate migrates at its first start), one
delivered Slack outbox row per notification, and the alerts' labels in alert_labels.
"""

import json
import math
import sqlite3
import subprocess
import time
import urllib.parse

ALERTS = 2000
NAMES = 20
EVENTS_PER_NOTIFICATION = 4
SEVERITIES = ("critical", "warning", "alert", "info")

# :start and :span are seconds; ts(x) formats like the daemon (UTC, milliseconds, Z).
FILL_SQL = """
CREATE TEMP TABLE names (k INTEGER PRIMARY KEY, alertname TEXT, severity TEXT);

WITH RECURSIVE seq(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM seq WHERE k + 1 < :names)
INSERT INTO temp.names SELECT k, printf('BenchAlert%02d', k), json_extract(:severities, '$[' || (k % 4) || ']')
FROM seq;

WITH RECURSIVE seq(a) AS (SELECT 0 UNION ALL SELECT a + 1 FROM seq WHERE a + 1 < :alerts)
INSERT INTO alerts (rowid, fingerprint, alertname, severity, status, status_reason, labels, annotations,
                    starts_at, ends_at, generator_url, first_seen_at, last_seen_at, last_notification_id)
SELECT a + 1, printf('%016x', a * 2654435761), n.alertname, n.severity, 'firing', 'notified',
       json_object('alertname', n.alertname, 'instance', printf('node%03d:9100', a / :names), 'job', 'node',
                   'severity', n.severity),
       json_object('description', 'Disk usage of node' || printf('%03d', a / :names) ||
                   ' is above 80 % for 5 minutes. Free space before the partition fills up.',
                   'summary', 'ディスクの使用率が80%を超えました'),
       '', NULL, 'http://prometheus:9090/graph', '', '', 1
FROM seq JOIN temp.names n ON n.k = a % :names;

INSERT INTO alert_labels (fingerprint, name, value)
SELECT a.fingerprint, l.key, l.value FROM alerts a, json_each(a.labels) l;

CREATE TEMP TABLE offsets (i INTEGER PRIMARY KEY);

WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i + 1 < :per_notification)
INSERT INTO temp.offsets SELECT i FROM seq;

WITH RECURSIVE seq(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM seq WHERE k + 1 < :notifications)
INSERT INTO notifications (id, received_at, status, receiver, group_key, group_labels, common_labels,
                           common_annotations, external_url, truncated_alerts, alert_count, changes, payload)
SELECT k + 1, strftime('%Y-%m-%dT%H:%M:%fZ', :start + :span * k / :notifications, 'unixepoch'), 'firing', 'gw',
       '{}:{job="node"}', '{"job":"node"}', '{"job":"node"}', '{}', 'http://am:9093', 0, :per_notification,
       :per_notification,
       json_object('receiver', 'gw', 'status', 'firing', 'alerts',
           (SELECT json_group_array(json_object(
                'status', CASE WHEN ((k * :per_notification + o.i) / :alerts) % 2 = 0 THEN 'firing' ELSE 'resolved' END,
                'labels', json(a.labels), 'annotations', json(a.annotations),
                'startsAt', '2026-11-22T12:24:41.884Z', 'endsAt', '0001-01-01T00:00:00Z',
                'generatorURL', a.generator_url, 'fingerprint', a.fingerprint))
            FROM temp.offsets o JOIN alerts a ON a.rowid = (k * :per_notification + o.i) % :alerts + 1),
           'groupLabels', json('{"job":"node"}'), 'commonLabels', json('{"job":"node"}'),
           'commonAnnotations', json('{}'), 'externalURL', 'http://am:9093', 'version', '4',
           'groupKey', '{}:{job="node"}', 'truncatedAlerts', 0)
FROM seq;

WITH RECURSIVE seq(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM seq WHERE j + 1 < :events)
INSERT INTO alert_events (id, at, fingerprint, notification_id, status, reason, alertname, severity, labels,
                          annotations, starts_at, ends_at, generator_url)
SELECT j + 1, strftime('%Y-%m-%dT%H:%M:%fZ', :start + :span * (j / :per_notification) / :notifications,
                       'unixepoch'),
       a.fingerprint, j / :per_notification + 1,
       CASE WHEN (j / :alerts) % 2 = 0 THEN 'firing' ELSE 'resolved' END, 'notified', a.alertname, a.severity,
       a.labels, a.annotations,
       strftime('%Y-%m-%dT%H:%M:%fZ',
                :start + :span * ((j - ((j / :alerts) % 2) * :alerts) / :per_notification) / :notifications,
                'unixepoch'),
       CASE WHEN (j / :alerts) % 2 = 0 THEN NULL
            ELSE strftime('%Y-%m-%dT%H:%M:%fZ', :start + :span * (j / :per_notification) / :notifications,
                          'unixepoch') END,
       a.generator_url
FROM seq JOIN alerts a ON a.rowid = j % :alerts + 1;

INSERT INTO outbox (notification_id, channel, state, created_at, next_attempt_at, attempts, delivered_at)
SELECT id, 'slack', 'delivered', received_at, received_at, 1, received_at FROM notifications;

UPDATE alerts SET (status, starts_at, ends_at, first_seen_at, last_seen_at, last_notification_id) =
    (SELECT e.status, e.starts_at, e.ends_at, e.at, e.at, e.notification_id FROM alert_events e
     WHERE e.fingerprint = alerts.fingerprint ORDER BY e.at DESC, e.id DESC LIMIT 1);
"""


def fill(db_path, events, days, end_epoch):
    """Fills a store the daemon created (and left) with `events` alert events over `days` days up to
    end_epoch."""
    notifications = math.ceil(events / EVENTS_PER_NOTIFICATION)
    span = days * 86400.0
    parameters = {
        "names": NAMES, "alerts": ALERTS, "events": events, "notifications": notifications,
        "per_notification": EVENTS_PER_NOTIFICATION, "start": end_epoch - span, "span": span,
        "severities": str(list(SEVERITIES)).replace("'", '"'),
    }
    db = sqlite3.connect(db_path, isolation_level=None)
    try:
        # Speed only while nothing else has the file open; the daemon sets its own pragmas again.
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        db.execute("PRAGMA cache_size = -262144")
        db.execute("BEGIN")
        for statement in FILL_SQL.split(";\n\n"):
            db.execute(statement, parameters)
        db.execute("COMMIT")
        db.execute("PRAGMA journal_mode = WAL")
        return db.execute("SELECT count(*) FROM alert_events").fetchone()[0]
    finally:
        db.close()


def day_bounds(end_epoch, days_back):
    """[since, until) as RFC 3339 for the whole UTC day `days_back` days before end_epoch."""
    day_start = (int(end_epoch) // 86400 - days_back) * 86400
    fmt = lambda epoch: time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch))
    return fmt(day_start), fmt(day_start + 86400)


def time_cli(binary, config, filters, runs):
    """Wall times of `alertgate history --config ... --name value ...` (process start included); checks
    that each run printed events."""
    args = [binary, "history", "--config", config]
    for name, value in filters:
        args += [f"--{name}", value]
    times = []
    for _ in range(runs):
        start = time.monotonic()
        result = subprocess.run(args, capture_output=True, text=True)
        times.append(time.monotonic() - start)
        if result.returncode != 0 or not result.stdout.rstrip().endswith(" events"):
            raise RuntimeError(f"{' '.join(args)} failed ({result.returncode}):\n{result.stdout[-500:]}"
                               f"{result.stderr}")
    return times, result.stdout.rstrip().splitlines()[-1]


def time_http(gateway, filters, runs):
    """Times of GET /api/v1/history with the same filters, on one kept-alive connection."""
    path = "/api/v1/history?" + urllib.parse.urlencode(filters)
    times = []
    for _ in range(runs):
        start = time.monotonic()
        status, body = gateway.get(path)
        times.append(time.monotonic() - start)
        if status != 200:
            raise RuntimeError(f"GET {path} answered {status}: {body[:300]!r}")
    return times, len(json.loads(body))
