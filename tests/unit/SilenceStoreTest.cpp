#include "store/SilenceStore.h"

#include "core/Rfc3339.h"
#include "store/Database.h"
#include "store/HistoryQuery.h"
#include "store/NotificationRecorder.h"
#include "store/Schema.h"

#include "TempDir.h"

#include <cppunit/extensions/HelperMacros.h>

namespace AlertGate {

namespace {

std::int64_t at(const std::string& time)
{
    return *Rfc3339::parseMicros("2026-11-22T" + time + "Z");
}

struct Store
{
    Test::TempDir dir;
    Database db{dir.file("store.db"), Database::Mode::ReadWrite, 5000};

    Store() { Schema::migrate(db); }

    void fire(const std::string& alertname, const std::string& receivedAt)
    {
        Alert a;
        a.status = "firing";
        a.labels = {{"alertname", alertname}, {"severity", "critical"}};
        a.startsAt = "2026-11-22T" + receivedAt + "Z";
        a.fingerprint = alertname + "-fp";
        Notification n;
        n.version = "4";
        n.status = "firing";
        n.receiver = "gw";
        n.groupKey = "{}:{alertname=\"" + alertname + "\"}";
        n.alerts = {a};
        n.rawPayload = "{}";
        Transaction transaction(db);
        NotificationRecorder(db).record(n, at(receivedAt));
        transaction.commit();
    }

    std::vector<HistoryEvent> history(const std::string& filterName = "", const std::string& value = "")
    {
        HistoryFilter filter;
        if (!filterName.empty())
            filter.set(filterName, value, at("23:00:00"));
        return HistoryQuery(db).events(filter);
    }
};

} // namespace

class SilenceStoreTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(SilenceStoreTest);
    CPPUNIT_TEST(testNoSilenceYet);
    CPPUNIT_TEST(testRecordAndLatest);
    CPPUNIT_TEST(testSilenceIsAHistoryEvent);
    CPPUNIT_TEST(testStatusFilterSelectsSilences);
    CPPUNIT_TEST(testAlertFiltersLeaveSilencesOut);
    CPPUNIT_TEST(testLimitTakesTheNewestOfEventsAndSilences);
    CPPUNIT_TEST(testUnknownViaRefused);
    CPPUNIT_TEST_SUITE_END();

public:
    void testNoSilenceYet()
    {
        Store store;
        CPPUNIT_ASSERT(!SilenceStore(store.db).latest());
    }

    void testRecordAndLatest()
    {
        Store store;
        SilenceStore silences(store.db);
        auto first = silences.record(at("10:00:00"), "alice", "api", "on it");
        auto second = silences.record(at("11:00:00"), "button", "button", "");
        CPPUNIT_ASSERT(second.id > first.id);
        auto latest = silences.latest();
        CPPUNIT_ASSERT(latest);
        CPPUNIT_ASSERT_EQUAL(second.id, latest->id);
        CPPUNIT_ASSERT_EQUAL(at("11:00:00"), latest->atMicros);
        CPPUNIT_ASSERT_EQUAL(std::string("button"), latest->by);
        CPPUNIT_ASSERT_EQUAL(std::string("button"), latest->via);
    }

    void testSilenceIsAHistoryEvent()
    {
        Store store;
        store.fire("DiskFull", "10:00:00");
        SilenceStore(store.db).record(at("10:05:00"), "alice'; DROP TABLE silences; --", "cli", "looking");
        store.fire("NodeDown", "10:10:00");
        auto events = store.history();
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), events.size());
        const HistoryEvent& silence = events[1];
        CPPUNIT_ASSERT_EQUAL(std::string("silenced"), silence.status);
        CPPUNIT_ASSERT_EQUAL(std::string("2026-11-22T10:05:00.000Z"), silence.at);
        CPPUNIT_ASSERT_EQUAL(std::string("alice'; DROP TABLE silences; --"), silence.labels.at("by"));
        CPPUNIT_ASSERT_EQUAL(std::string("cli"), silence.labels.at("via"));
        CPPUNIT_ASSERT_EQUAL(std::string("looking"), silence.annotations.at("comment"));
        CPPUNIT_ASSERT(silence.deliveries.empty());
        CPPUNIT_ASSERT_EQUAL(std::string("NodeDown"), events[2].alertname);
    }

    void testStatusFilterSelectsSilences()
    {
        Store store;
        store.fire("DiskFull", "10:00:00");
        SilenceStore(store.db).record(at("10:05:00"), "alice", "api", "");
        auto events = store.history("status", "silenced");
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), events.size());
        CPPUNIT_ASSERT_EQUAL(std::string("alice"), events[0].labels.at("by"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), store.history("status", "firing").size());
    }

    void testAlertFiltersLeaveSilencesOut()
    {
        Store store;
        store.fire("DiskFull", "10:00:00");
        SilenceStore(store.db).record(at("10:05:00"), "alice", "api", "");
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), store.history("alertname", "DiskFull").size());
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), store.history("severity", "critical").size());
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), store.history("label", "by=alice").size());
    }

    void testLimitTakesTheNewestOfEventsAndSilences()
    {
        Store store;
        store.fire("DiskFull", "10:00:00");
        SilenceStore(store.db).record(at("10:05:00"), "alice", "api", "");
        store.fire("NodeDown", "10:10:00");
        SilenceStore(store.db).record(at("10:15:00"), "bob", "cli", "");
        auto newest = [&](const std::string& limit) {
            std::string text;
            for (const auto& event : store.history("limit", limit))
                text += (text.empty() ? "" : " ") +
                        (event.status == "silenced" ? event.labels.at("by") : event.alertname);
            return text;
        };
        CPPUNIT_ASSERT_EQUAL(std::string("bob"), newest("1"));
        CPPUNIT_ASSERT_EQUAL(std::string("NodeDown bob"), newest("2"));
        CPPUNIT_ASSERT_EQUAL(std::string("alice NodeDown bob"), newest("3"));
        CPPUNIT_ASSERT_EQUAL(std::string("DiskFull alice NodeDown bob"), newest("10"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), store.history("since", "2026-11-22T10:05:00Z").size());
    }

    void testUnknownViaRefused()
    {
        Store store;
        CPPUNIT_ASSERT_THROW(SilenceStore(store.db).record(at("10:00:00"), "x", "email", ""), std::exception);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SilenceStoreTest);

} // namespace AlertGate
