#include "Fixtures.h"
#include "Payloads.h"
#include "TestGateway.h"
#include "TmpfsMount.h"
#include "store/Database.h"
#include "store/Schema.h"

#include <Poco/File.h>

#include <cppunit/extensions/HelperMacros.h>

#include <chrono>
#include <thread>

namespace AlertGate::Test {

namespace {

// Polls a condition that the gateway reaches by itself; the deadline only bounds a failing test.
template <typename Condition>
bool eventually(Condition condition, std::chrono::seconds deadline = std::chrono::seconds(20))
{
    auto end = std::chrono::steady_clock::now() + deadline;
    while (std::chrono::steady_clock::now() < end)
    {
        if (condition())
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return condition();
}

std::string bigNotification(const std::string& fingerprint)
{
    TestAlert alert = diskAlert(fingerprint, "pi:9100", "critical");
    alert.annotations["description"] = std::string(300 * 1024, 'd');
    return webhookBody({alert});
}

} // namespace

class DurabilityTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(DurabilityTest);
    CPPUNIT_TEST(testAcknowledgedNotificationSurvivesSigkill);
    CPPUNIT_TEST(testFullDiskAnswers503ThenRecovers);
    CPPUNIT_TEST(testNoRoomToRewriteTheStoreKeepsItWorking);
    CPPUNIT_TEST_SUITE_END();

public:
    void testAcknowledgedNotificationSurvivesSigkill()
    {
        TestGateway gateway;
        gateway.start();
        for (const std::string fingerprint : {"00000000000000a1", "00000000000000a2", "00000000000000a3"})
        {
            HttpResult stored = gateway.post(webhookBody({diskAlert(fingerprint, fingerprint, "critical")}));
            CPPUNIT_ASSERT_EQUAL(200, stored.status);
            gateway.process().kill();
            gateway.start();
            CommandResult history =
                gateway.history({"--label", "instance=" + std::string(fingerprint), "--format", "csv"});
            CPPUNIT_ASSERT_EQUAL_MESSAGE(history.err, 0, history.exitCode);
            CPPUNIT_ASSERT_MESSAGE(history.out, history.out.find(fingerprint) != std::string::npos);
        }
    }

    void testFullDiskAnswers503ThenRecovers()
    {
        TempDir dir;
        TmpfsMount disk(dir.file("disk"), "8m");
        TestGateway gateway("", dir.file("disk"));
        gateway.start();
        CPPUNIT_ASSERT_EQUAL(200, gateway.replay("disk-critical-firing").status);

        std::string filler = disk.fill();
        HttpResult refused = gateway.post(bigNotification("00000000000000b1"));
        CPPUNIT_ASSERT_EQUAL_MESSAGE(refused.body, 503, refused.status);
        CPPUNIT_ASSERT(refused.headers.count("Retry-After") == 1);
        CPPUNIT_ASSERT_EQUAL(503, gateway.get("/-/ready").status);
        CPPUNIT_ASSERT(gateway.process().log().find("cannot write to the store") != std::string::npos);

        Poco::File(filler).remove();
        CPPUNIT_ASSERT_MESSAGE(gateway.process().log(),
                               eventually([&] { return gateway.get("/-/ready").status == 200; }));
        HttpResult accepted = gateway.post(bigNotification("00000000000000b1"));
        CPPUNIT_ASSERT_EQUAL_MESSAGE(accepted.body, 200, accepted.status);
        CPPUNIT_ASSERT(gateway.history({"--format", "csv"}).out.find("00000000000000b1") !=
                       std::string::npos);
    }

    // A store in the layout of every store before 1 KiB pages, on a disk with no room for the copy that
    // rewrites it: the daemon starts on the store as it is, leaves no partial copy, and rewrites it at a
    // start with room.
    void testNoRoomToRewriteTheStoreKeepsItWorking()
    {
        TempDir dir;
        TmpfsMount disk(dir.file("disk"), "8m");
        TestGateway gateway("", dir.file("disk"));
        {
            Poco::File(std::string(ALERTGATE_FIXTURES_DIR) + "/../store/v3-f621bfd.db")
                .copyTo(gateway.storePath());
            Database db(gateway.storePath(), Database::Mode::ReadWrite, 5000);
            Schema::migrate(db);
            db.execute("CREATE TABLE padding (data BLOB); INSERT INTO padding VALUES (zeroblob(2000000))");
        }
        CPPUNIT_ASSERT(gateway.pragma("page_size") != Database::kPageSize);
        Poco::File filler(disk.fill());
        // Room for the daemon's own writes, not for a copy of the 2 MB store.
        filler.setSize(filler.getSize() - 1024 * 1024);

        gateway.start();
        CPPUNIT_ASSERT_MESSAGE(gateway.process().log(),
                               gateway.process().log().find("not enough free space") != std::string::npos);
        CPPUNIT_ASSERT(!Poco::File(gateway.storePath() + ".rewrite").exists());
        CPPUNIT_ASSERT_EQUAL(200, gateway.replay("disk-critical-firing").status);
        gateway.stop();
        CPPUNIT_ASSERT(gateway.pragma("page_size") != Database::kPageSize);
        std::string history = gateway.history({"--format", "csv"}).out;

        filler.remove();
        gateway.start();
        gateway.stop();
        CPPUNIT_ASSERT_EQUAL(std::int64_t(Database::kPageSize), gateway.pragma("page_size"));
        CPPUNIT_ASSERT_EQUAL(history, gateway.history({"--format", "csv"}).out);
        CPPUNIT_ASSERT_MESSAGE(history, history.find("f49deed79c9d117e") != std::string::npos);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(DurabilityTest);

} // namespace AlertGate::Test
