#include "store/AlertReconciliation.h"

#include "core/PayloadParser.h"
#include "core/Rfc3339.h"
#include "store/Database.h"
#include "store/NotificationRecorder.h"
#include "store/Schema.h"
#include "store/Statement.h"

#include "Fixtures.h"
#include "JoinedColumn.h"
#include "TempDir.h"

#include <cppunit/extensions/HelperMacros.h>

namespace AlertGate {

namespace {

const std::int64_t RECEIVED = *Rfc3339::parseMicros("2026-11-22T12:00:00Z");
const std::int64_t LATER = *Rfc3339::parseMicros("2026-11-22T12:05:00Z");

// A store holding the critical disk alert and the heartbeat, as Alertmanager 0.25 sent them.
struct Store
{
    Test::TempDir dir;
    std::string path = dir.file("store.db");
    Database db{path, Database::Mode::ReadWrite, 5000};

    Store()
    {
        Schema::migrate(db);
        for (const char* fixture : {"disk-critical-firing", "watchdog-heartbeat"})
        {
            Transaction transaction(db);
            NotificationRecorder(db, nullptr)
                .record(PayloadParser::parse(Test::loadFixture(fixture).body), RECEIVED);
            transaction.commit();
        }
    }

    std::string column(const std::string& sql) { return Test::joinedColumn(db, sql); }
};

} // namespace

class AlertReconciliationTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(AlertReconciliationTest);
    CPPUNIT_TEST(testFiringAlertsWithLastSighting);
    CPPUNIT_TEST(testResolvedAsReconciled);
    CPPUNIT_TEST(testSuppressionIsAnEventOnceAndClearedByANotification);
    CPPUNIT_TEST_SUITE_END();

public:
    void testFiringAlertsWithLastSighting()
    {
        Store store;
        AlertReconciliation reconciliation(store.path, 5000);
        auto firing = reconciliation.firing();
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), firing.size());
        for (const auto& alert : firing)
        {
            CPPUNIT_ASSERT_EQUAL(RECEIVED, alert.lastSeenMicros);
            CPPUNIT_ASSERT_EQUAL(std::string(), alert.suppressed);
        }
    }

    void testResolvedAsReconciled()
    {
        Store store;
        AlertReconciliation reconciliation(store.path, 5000);
        std::string disk = store.column("SELECT fingerprint FROM alerts WHERE alertname = 'DiskUsage'");
        CPPUNIT_ASSERT_EQUAL(1, reconciliation.apply({{disk, "0000000000000000"}, {}}, LATER));
        CPPUNIT_ASSERT_EQUAL(
            std::string("resolved reconciled 2026-11-22T12:05:00.000Z"),
            store.column("SELECT status || ' ' || status_reason || ' ' || ends_at FROM alerts "
                         "WHERE fingerprint = '" +
                         disk + "'"));
        CPPUNIT_ASSERT_EQUAL(
            std::string("firing notified,resolved reconciled"),
            store.column("SELECT status || ' ' || reason FROM alert_events WHERE fingerprint = '" + disk +
                         "' ORDER BY id"));
        // Already resolved: nothing more happens.
        CPPUNIT_ASSERT_EQUAL(0, reconciliation.apply({{disk}, {}}, LATER + 1));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), reconciliation.firing().size());
    }

    void testSuppressionIsAnEventOnceAndClearedByANotification()
    {
        Store store;
        AlertReconciliation reconciliation(store.path, 5000);
        std::string disk = store.column("SELECT fingerprint FROM alerts WHERE alertname = 'DiskUsage'");
        reconciliation.apply({{}, {{disk, "silenced"}}}, LATER);
        reconciliation.apply({{}, {{disk, "silenced"}}}, LATER + 1);
        CPPUNIT_ASSERT_EQUAL(
            std::string("silenced"),
            store.column("SELECT suppressed FROM active_alerts WHERE fingerprint = '" + disk + "'"));
        reconciliation.apply({{}, {{disk, ""}}}, LATER + 2);
        CPPUNIT_ASSERT_EQUAL(
            std::string("firing notified,firing silenced,firing unsuppressed"),
            store.column("SELECT status || ' ' || reason FROM alert_events WHERE fingerprint = '" + disk +
                         "' ORDER BY id"));
        reconciliation.apply({{}, {{disk, "inhibited"}}}, LATER + 3);
        // Alertmanager notifies only what it holds back from nobody.
        {
            Transaction transaction(store.db);
            NotificationRecorder(store.db, nullptr)
                .record(PayloadParser::parse(Test::loadFixture("disk-critical-firing").body), LATER + 4);
            transaction.commit();
        }
        CPPUNIT_ASSERT_EQUAL(
            std::string(""),
            store.column("SELECT suppressed FROM alerts WHERE fingerprint = '" + disk + "'"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(AlertReconciliationTest);

} // namespace AlertGate
