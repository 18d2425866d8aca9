#include "store/NotificationRecorder.h"

#include "core/PayloadParser.h"
#include "core/Rfc3339.h"
#include "core/Router.h"
#include "store/Database.h"
#include "store/HistoryQuery.h"
#include "store/Schema.h"
#include "store/Statement.h"

#include "Fixtures.h"
#include "JoinedColumn.h"
#include "TempDir.h"

#include <cppunit/extensions/HelperMacros.h>

namespace AlertGate {

namespace {

const std::string kFingerprint = "f49deed79c9d117e";
const std::string kStart1 = "2026-11-22T12:00:00.123456789Z";
const std::string kStart2 = "2026-11-22T15:00:00Z";

std::int64_t at(const std::string& time)
{
    return *Rfc3339::parseMicros("2026-11-22T" + time + "Z");
}

Alert alert(const std::string& status, const std::string& startsAt)
{
    Alert a;
    a.status = status;
    a.labels = {{"alertname", "DiskUsage"}, {"instance", "pi:9100"}, {"severity", "critical"}};
    a.annotations = {{"summary", "disk full"}};
    a.startsAt = startsAt;
    a.endsAt = status == "resolved" ? "2026-11-22T13:00:00Z" : "";
    a.generatorURL = "http://prometheus:9090/graph";
    a.fingerprint = kFingerprint;
    return a;
}

Alert severityAlert(const std::string& severity, const std::string& fingerprint)
{
    Alert a = alert("firing", kStart1);
    a.labels["severity"] = severity;
    a.fingerprint = fingerprint;
    return a;
}

const std::string activeFingerprints =
    "SELECT fingerprint FROM alerts WHERE status = 'firing' ORDER BY fingerprint";

Notification notification(const Alert& a)
{
    Notification n;
    n.version = "4";
    n.status = a.status;
    n.receiver = "gw";
    n.groupKey = "{}:{alertname=\"DiskUsage\"}";
    n.externalURL = "http://am:9093";
    n.alerts = {a};
    n.rawPayload = "{\"status\":\"" + a.status + "\"}";
    return n;
}

// A fresh store file with the current schema.
struct Store
{
    Test::TempDir dir;
    Database db{dir.file("store.db"), Database::Mode::ReadWrite, 5000};

    Store() { Schema::migrate(db); }

    int record(const Notification& n, std::int64_t receivedAtMicros, const Router* router = nullptr)
    {
        Transaction transaction(db);
        NotificationRecorder recorder(db, router);
        int changes = recorder.record(n, receivedAtMicros).changes;
        transaction.commit();
        return changes;
    }

    std::int64_t integer(const std::string& sql)
    {
        Statement query = db.prepare(sql);
        CPPUNIT_ASSERT_MESSAGE(sql, query.step());
        return query.integer(0);
    }

    std::string text(const std::string& sql)
    {
        Statement query = db.prepare(sql);
        CPPUNIT_ASSERT_MESSAGE(sql, query.step());
        return query.isNull(0) ? "NULL" : query.text(0);
    }

    std::string column(const std::string& sql) { return Test::joinedColumn(db, sql); }
};

} // namespace

class NotificationRecorderTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(NotificationRecorderTest);
    CPPUNIT_TEST(testNewAlertIsOneChange);
    CPPUNIT_TEST(testRepeatIsCountedOnTheNotificationItRepeats);
    CPPUNIT_TEST(testResolvedIsChange);
    CPPUNIT_TEST(testLateFiringAfterResolvedIsNoChange);
    CPPUNIT_TEST(testFiringAgainWithNewStartsAtIsChange);
    CPPUNIT_TEST(testNewEpisodeWithoutResolveIsChange);
    CPPUNIT_TEST(testSameInstantOtherSpellingIsNoChange);
    CPPUNIT_TEST(testLateResolvedOfOlderEpisodeIsNoChange);
    CPPUNIT_TEST(testChangesQueueOneMessagePerSelectedChannel);
    CPPUNIT_TEST(testFirstSeenIsPerEpisode);
    CPPUNIT_TEST(testLabelsIndexed);
    CPPUNIT_TEST(testAlertMissingFromItsGroupIsResolvedAsAbsent);
    CPPUNIT_TEST(testAbsentAlertThatReturnsFiresAgain);
    CPPUNIT_TEST(testTruncatedOrOtherGroupProvesNoAbsence);
    CPPUNIT_TEST(testAlertThatMovedGroupIsAbsentOnlyFromItsNewGroup);
    CPPUNIT_TEST(testFixturesMixedNotification);
    CPPUNIT_TEST(testEventKeepsNoCopyOfItsPayload);
    CPPUNIT_TEST(testEventOfOtherLabelsForTheSameFingerprintKeepsItsOwn);
    CPPUNIT_TEST_SUITE_END();

public:
    void testNewAlertIsOneChange()
    {
        Store store;
        CPPUNIT_ASSERT_EQUAL(1, store.record(notification(alert("firing", kStart1)), at("12:00:05")));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), store.integer("SELECT count(*) FROM alert_events"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), store.integer("SELECT changes FROM notifications"));
        CPPUNIT_ASSERT_EQUAL(std::string("firing"), store.text("SELECT status FROM alerts"));
        CPPUNIT_ASSERT_EQUAL(std::string("NULL"), store.text("SELECT ends_at FROM alerts"));
        CPPUNIT_ASSERT_EQUAL(std::string("2026-11-22T12:00:05.000Z"),
                             store.text("SELECT first_seen_at FROM alerts"));
        CPPUNIT_ASSERT_EQUAL(kStart1, store.text("SELECT starts_at FROM alert_events"));
    }

    void testRepeatIsCountedOnTheNotificationItRepeats()
    {
        Store store;
        auto n = notification(alert("firing", kStart1));
        CPPUNIT_ASSERT_EQUAL(1, store.record(n, at("12:00:05")));
        CPPUNIT_ASSERT_EQUAL(0, store.record(n, at("13:00:05")));
        CPPUNIT_ASSERT_EQUAL(0, store.record(n, at("14:00:05")));
        CPPUNIT_ASSERT_EQUAL(std::string("1"), store.column("SELECT changes FROM notifications ORDER BY id"));
        CPPUNIT_ASSERT_EQUAL(std::string("1|2|2026-11-22T14:00:05.000Z"),
                             store.column("SELECT notification_id || '|' || repeats || '|' || last_repeat_at "
                                          "FROM notification_repeats"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), store.integer("SELECT count(*) FROM alert_events"));
        CPPUNIT_ASSERT_EQUAL(std::string("2026-11-22T12:00:05.000Z"),
                             store.text("SELECT first_seen_at FROM alerts"));
        CPPUNIT_ASSERT_EQUAL(std::string("2026-11-22T14:00:05.000Z"),
                             store.text("SELECT last_seen_at FROM alerts"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), store.integer("SELECT last_notification_id FROM alerts"));
        auto events = HistoryQuery(store.db).events(HistoryFilter());
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), events.size());
        CPPUNIT_ASSERT_EQUAL(std::int64_t(2), events[0].repeats);
        CPPUNIT_ASSERT_EQUAL(std::string("2026-11-22T14:00:05.000Z"), events[0].lastRepeatAt.value_or(""));
    }

    void testResolvedIsChange()
    {
        Store store;
        store.record(notification(alert("firing", kStart1)), at("12:00:05"));
        CPPUNIT_ASSERT_EQUAL(1, store.record(notification(alert("resolved", kStart1)), at("13:00:05")));
        CPPUNIT_ASSERT_EQUAL(std::string("resolved"), store.text("SELECT status FROM alerts"));
        CPPUNIT_ASSERT_EQUAL(std::string("2026-11-22T13:00:00Z"), store.text("SELECT ends_at FROM alerts"));
        CPPUNIT_ASSERT_EQUAL(std::string("firing,resolved"),
                             store.column("SELECT status FROM alert_events ORDER BY id"));
    }

    void testLateFiringAfterResolvedIsNoChange()
    {
        Store store;
        store.record(notification(alert("firing", kStart1)), at("12:00:05"));
        store.record(notification(alert("resolved", kStart1)), at("13:00:05"));
        CPPUNIT_ASSERT_EQUAL(0, store.record(notification(alert("firing", kStart1)), at("13:00:06")));
        CPPUNIT_ASSERT_EQUAL(std::string("resolved"), store.text("SELECT status FROM alerts"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(2), store.integer("SELECT count(*) FROM alert_events"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(2), store.integer("SELECT count(*) FROM notifications"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), store.integer("SELECT repeats FROM notification_repeats "
                                                            "WHERE notification_id = 2"));
    }

    void testFiringAgainWithNewStartsAtIsChange()
    {
        Store store;
        store.record(notification(alert("firing", kStart1)), at("12:00:05"));
        store.record(notification(alert("resolved", kStart1)), at("13:00:05"));
        CPPUNIT_ASSERT_EQUAL(1, store.record(notification(alert("firing", kStart2)), at("15:00:05")));
        CPPUNIT_ASSERT_EQUAL(std::string("firing"), store.text("SELECT status FROM alerts"));
        CPPUNIT_ASSERT_EQUAL(kStart2, store.text("SELECT starts_at FROM alerts"));
        CPPUNIT_ASSERT_EQUAL(std::string("NULL"), store.text("SELECT ends_at FROM alerts"));
        CPPUNIT_ASSERT_EQUAL(std::string("firing,resolved,firing"),
                             store.column("SELECT status FROM alert_events ORDER BY id"));
    }

    void testNewEpisodeWithoutResolveIsChange()
    {
        Store store;
        store.record(notification(alert("firing", kStart1)), at("12:00:05"));
        CPPUNIT_ASSERT_EQUAL(1, store.record(notification(alert("firing", kStart2)), at("15:00:05")));
        CPPUNIT_ASSERT_EQUAL(kStart2, store.text("SELECT starts_at FROM alerts"));
        CPPUNIT_ASSERT_EQUAL(kStart1 + "," + kStart2,
                             store.column("SELECT starts_at FROM alert_events ORDER BY id"));
    }

    void testSameInstantOtherSpellingIsNoChange()
    {
        Store store;
        store.record(notification(alert("firing", "2026-11-22T12:00:00Z")), at("12:00:05"));
        CPPUNIT_ASSERT_EQUAL(
            0, store.record(notification(alert("firing", "2026-11-22T21:00:00.000+09:00")), at("12:01:05")));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), store.integer("SELECT count(*) FROM alert_events"));
    }

    void testLateResolvedOfOlderEpisodeIsNoChange()
    {
        // Episode 1 fired, then episode 2 fired (its resolve was lost); a retried "resolved" of
        // episode 1 arriving now is stale and must not mark the alert that fires now as resolved.
        Store store;
        store.record(notification(alert("firing", kStart1)), at("12:00:05"));
        store.record(notification(alert("firing", kStart2)), at("15:00:05"));
        CPPUNIT_ASSERT_EQUAL(0, store.record(notification(alert("resolved", kStart1)), at("15:00:06")));
        CPPUNIT_ASSERT_EQUAL(std::string("firing"), store.text("SELECT status FROM alerts"));
        CPPUNIT_ASSERT_EQUAL(kStart2, store.text("SELECT starts_at FROM alerts"));
    }

    void testChangesQueueOneMessagePerSelectedChannel()
    {
        Store store;
        Router router({{"slack", Matcher::parseList("severity=~\"critical|warning\""), true},
                       {"email", Matcher::parseList("severity=\"info\""), true}},
                      "Watchdog");
        CPPUNIT_ASSERT_EQUAL(1,
                             store.record(notification(alert("firing", kStart1)), at("12:00:01"), &router));
        CPPUNIT_ASSERT_EQUAL(std::string("slack"), store.column("SELECT channel FROM outbox"));
        store.record(notification(alert("firing", kStart1)), at("12:05:00"), &router);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), store.integer("SELECT count(*) FROM outbox"));
        store.record(notification(alert("resolved", kStart1)), at("13:00:01"), &router);
        CPPUNIT_ASSERT_EQUAL(std::string("pending,pending"),
                             store.column("SELECT state FROM outbox ORDER BY id"));
    }

    void testFirstSeenIsPerEpisode()
    {
        Store store;
        const std::string firstSeen = "SELECT first_seen_at FROM alerts";
        store.record(notification(alert("firing", kStart1)), at("12:00:01"));
        store.record(notification(alert("firing", kStart1)), at("12:05:00"));
        CPPUNIT_ASSERT_EQUAL(std::string("2026-11-22T12:00:01.000Z"), store.text(firstSeen));
        store.record(notification(alert("resolved", kStart1)), at("13:00:01"));
        store.record(notification(alert("firing", kStart2)), at("15:00:01"));
        CPPUNIT_ASSERT_EQUAL(std::string("2026-11-22T15:00:01.000Z"), store.text(firstSeen));
    }

    // Alertmanager inhibits the lower severity: the group's next notification lists only the higher.
    void testAlertMissingFromItsGroupIsResolvedAsAbsent()
    {
        Store store;
        store.record(notification(severityAlert("alert", "fp-alert")), at("12:00:01"));
        CPPUNIT_ASSERT_EQUAL(
            2, store.record(notification(severityAlert("warning", "fp-warning")), at("12:01:00")));
        CPPUNIT_ASSERT_EQUAL(std::string("fp-warning"), store.column(activeFingerprints));
        CPPUNIT_ASSERT_EQUAL(std::string("resolved|absent|2026-11-22T12:01:00.000Z"),
                             store.text("SELECT status || '|' || reason || '|' || ends_at FROM alert_events "
                                        "WHERE fingerprint = 'fp-alert' ORDER BY id DESC LIMIT 1"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(2),
                             store.integer("SELECT changes FROM notifications WHERE id = 2"));
    }

    // The inhibiting alert resolved: Alertmanager lists the lower one again, same episode.
    void testAbsentAlertThatReturnsFiresAgain()
    {
        Store store;
        store.record(notification(severityAlert("alert", "fp-alert")), at("12:00:01"));
        store.record(notification(severityAlert("warning", "fp-warning")), at("12:01:00"));
        Notification both = notification(severityAlert("alert", "fp-alert"));
        Alert warningResolved = severityAlert("warning", "fp-warning");
        warningResolved.status = "resolved";
        warningResolved.endsAt = "2026-11-22T12:02:00Z";
        both.alerts.push_back(warningResolved);
        CPPUNIT_ASSERT_EQUAL(2, store.record(both, at("12:02:01")));
        CPPUNIT_ASSERT_EQUAL(std::string("fp-alert"), store.column(activeFingerprints));
    }

    void testTruncatedOrOtherGroupProvesNoAbsence()
    {
        Store store;
        store.record(notification(severityAlert("alert", "fp-alert")), at("12:00:01"));
        Notification truncated = notification(severityAlert("warning", "fp-warning"));
        truncated.truncatedAlerts = 1;
        CPPUNIT_ASSERT_EQUAL(1, store.record(truncated, at("12:01:00")));
        Notification otherGroup = notification(severityAlert("critical", "fp-critical"));
        otherGroup.groupKey = "{}:{alertname=\"InstanceDown\"}";
        CPPUNIT_ASSERT_EQUAL(1, store.record(otherGroup, at("12:02:00")));
        CPPUNIT_ASSERT_EQUAL(std::string("fp-alert,fp-critical,fp-warning"),
                             store.column(activeFingerprints));
    }

    // Routing changed: the alert now belongs to the group it was last notified in.
    void testAlertThatMovedGroupIsAbsentOnlyFromItsNewGroup()
    {
        Store store;
        store.record(notification(severityAlert("alert", "fp-alert")), at("12:00:01"));
        Notification moved = notification(severityAlert("alert", "fp-alert"));
        moved.groupKey = "{}/{team=\"storage\"}:{alertname=\"DiskUsage\"}";
        store.record(moved, at("12:01:00"));
        CPPUNIT_ASSERT_EQUAL(
            1, store.record(notification(severityAlert("warning", "fp-warning")), at("12:02:00")));
        CPPUNIT_ASSERT_EQUAL(std::string("fp-alert,fp-warning"), store.column(activeFingerprints));
        Notification newGroup = notification(severityAlert("critical", "fp-critical"));
        newGroup.groupKey = moved.groupKey;
        CPPUNIT_ASSERT_EQUAL(2, store.record(newGroup, at("12:03:00")));
        CPPUNIT_ASSERT_EQUAL(std::string("fp-critical,fp-warning"), store.column(activeFingerprints));
    }

    void testLabelsIndexed()
    {
        Store store;
        store.record(notification(alert("firing", kStart1)), at("12:00:05"));
        CPPUNIT_ASSERT_EQUAL(
            std::string("alertname=DiskUsage,instance=pi:9100,severity=critical"),
            store.column("SELECT name || '=' || value FROM alert_labels WHERE fingerprint = '" +
                         kFingerprint + "' ORDER BY name"));
        CPPUNIT_ASSERT_EQUAL(
            std::string("{\"alertname\":\"DiskUsage\",\"instance\":\"pi:9100\",\"severity\":\"critical\"}"),
            store.text("SELECT labels FROM alerts"));
    }

    void testFixturesMixedNotification()
    {
        Store store;
        auto first = Test::loadFixture("truncated-firing");
        auto second = Test::loadFixture("truncated-mixed-resolved");
        CPPUNIT_ASSERT_EQUAL(2, store.record(PayloadParser::parse(first.body), at("12:25:04")));
        CPPUNIT_ASSERT_EQUAL(1, store.record(PayloadParser::parse(second.body), at("12:25:08")));
        CPPUNIT_ASSERT_EQUAL(second.body, store.text("SELECT payload FROM notifications WHERE id = 2"));
        CPPUNIT_ASSERT_EQUAL(std::string("2026-11-22T12:25:08.000Z"),
                             store.text("SELECT received_at FROM notifications WHERE id = 2"));
        CPPUNIT_ASSERT_EQUAL(std::string("gw-truncated"),
                             store.text("SELECT receiver FROM notifications WHERE id = 2"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(2),
                             store.integer("SELECT truncated_alerts FROM notifications WHERE id = 2"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(2),
                             store.integer("SELECT alert_count FROM notifications WHERE id = 2"));
        CPPUNIT_ASSERT_EQUAL(
            std::string("0f014e5f2e035cf8=firing,5f98df1edb9f96f1=resolved"),
            store.column("SELECT fingerprint || '=' || status FROM alerts ORDER BY fingerprint"));
    }

    // The event's labels are its alert's, its annotations and generator URL its payload's: stored once,
    // and the history shows exactly what was received.
    void testEventKeepsNoCopyOfItsPayload()
    {
        Store store;
        auto fixture = Test::loadFixture("disk-alert-firing");
        Notification n = PayloadParser::parse(fixture.body);
        CPPUNIT_ASSERT_EQUAL(1, store.record(n, at("12:25:04")));
        CPPUNIT_ASSERT_EQUAL(std::string("||"),
                             store.text("SELECT labels || '|' || annotations || '|' || generator_url "
                                        "FROM alert_events"));
        auto events = HistoryQuery(store.db).events(HistoryFilter());
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), events.size());
        CPPUNIT_ASSERT(events[0].labels == n.alerts[0].labels);
        CPPUNIT_ASSERT(events[0].annotations == n.alerts[0].annotations);
        CPPUNIT_ASSERT(!n.alerts[0].annotations.empty());
        CPPUNIT_ASSERT_EQUAL(n.alerts[0].generatorURL, events[0].generatorURL);
        // sqlite3 users read the same through the view.
        CPPUNIT_ASSERT_EQUAL(store.text("SELECT annotations FROM alerts"),
                             store.text("SELECT json(annotations) FROM history"));
    }

    // Alertmanager's fingerprint is the hash of the labels; a sender that reuses one for other labels
    // must not rewrite the history of the first.
    void testEventOfOtherLabelsForTheSameFingerprintKeepsItsOwn()
    {
        Store store;
        store.record(notification(alert("firing", kStart1)), at("12:00:05"));
        Alert other = alert("firing", kStart2);
        other.labels["instance"] = "other:9100";
        store.record(notification(other), at("13:00:05"));
        auto events = HistoryQuery(store.db).events(HistoryFilter());
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), events.size());
        CPPUNIT_ASSERT_EQUAL(std::string("pi:9100"), events[0].labels["instance"]);
        CPPUNIT_ASSERT_EQUAL(std::string("other:9100"), events[1].labels["instance"]);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(NotificationRecorderTest);

} // namespace AlertGate
