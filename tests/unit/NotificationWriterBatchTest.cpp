#include "store/NotificationWriter.h"

#include "core/Clock.h"
#include "core/PayloadParser.h"
#include "metrics/Metrics.h"
#include "store/Database.h"
#include "store/Statement.h"

#include "Payloads.h"
#include "TempDir.h"

#include <cppunit/extensions/HelperMacros.h>

#include <sstream>
#include <thread>

namespace AlertGate {

namespace {

Notification notificationFor(int number, const std::string& receiver)
{
    std::string fingerprint = "a" + std::to_string(1000 + number);
    Notification n = PayloadParser::parse(Test::webhookBody(
        {Test::diskAlert(fingerprint, "host" + std::to_string(number) + ":9100", "warning")}));
    n.receiver = receiver;
    return n;
}

std::int64_t count(const std::string& path, const std::string& sql)
{
    Database db(path, Database::Mode::ReadOnly, 5000);
    Statement query = db.prepare(sql);
    query.step();
    return query.integer(0);
}

} // namespace

/// Group commit with one notification the store refuses (issue 13, item 4): it fails alone.
class NotificationWriterBatchTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(NotificationWriterBatchTest);
    CPPUNIT_TEST(testOneFailingNotificationFailsAloneInItsBatch);
    CPPUNIT_TEST_SUITE_END();

public:
    void testOneFailingNotificationFailsAloneInItsBatch()
    {
        Test::TempDir dir;
        std::string path = dir.file("store.db");
        SystemClock clock;
        Metrics metrics;
        {
            NotificationWriter created(path, 5000, clock, metrics);
        }
        {
            // A notification SQLite refuses on its own (here a trigger; in life a constraint or a value
            // too big), in the middle of a batch.
            Database db(path, Database::Mode::ReadWrite, 5000);
            db.execute("CREATE TRIGGER poison BEFORE INSERT ON notifications WHEN NEW.receiver = 'poison' "
                       "BEGIN SELECT RAISE(ABORT, 'poisoned notification'); END");
        }
        NotificationWriter writer(path, 5000, clock, metrics);
        // Submitted from several threads before the writer starts: its first batch holds them all.
        const int kCount = 8;
        const int kPoisoned = 3;
        std::vector<std::future<NotificationWriter::Outcome>> futures(kCount);
        std::vector<std::thread> threads;
        for (int i = 0; i < kCount; ++i)
            threads.emplace_back(
                [&, i] { futures[i] = writer.submit(notificationFor(i, i == kPoisoned ? "poison" : "gw")); });
        for (auto& thread : threads)
            thread.join();
        writer.start();
        for (int i = 0; i < kCount; ++i)
        {
            auto outcome = futures[i].get();
            CPPUNIT_ASSERT_EQUAL_MESSAGE(std::to_string(i) + ": " + outcome.error, i != kPoisoned,
                                         outcome.stored);
            if (i == kPoisoned)
                CPPUNIT_ASSERT_MESSAGE(outcome.error,
                                       outcome.error.find("poisoned notification") != std::string::npos);
        }
        CPPUNIT_ASSERT(writer.healthy());
        writer.stop();
        std::ostringstream text;
        metrics.render(text, Metrics::StoreGauges());
        CPPUNIT_ASSERT_MESSAGE(text.str(),
                               text.str().find("alertgate_store_commit_duration_seconds_count 1\n") !=
                                   std::string::npos);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(kCount - 1), count(path, "SELECT count(*) FROM notifications"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(kCount - 1), count(path, "SELECT count(*) FROM alerts"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0),
                             count(path, "SELECT count(*) FROM alerts WHERE fingerprint = 'a1003'"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(NotificationWriterBatchTest);

} // namespace AlertGate
