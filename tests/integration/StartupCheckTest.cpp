#include "Contains.h"
#include "GatewayProcess.h"
#include "Payloads.h"
#include "TestGateway.h"

#include <cppunit/extensions/HelperMacros.h>

#include <fstream>

namespace AlertGate::Test {

/// Bounded start-up: the whole-file check runs after an unclean stop (and says so, with its duration),
/// not after a clean one; `alertgate check-store` runs it on demand and fails on a damaged file.
class StartupCheckTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(StartupCheckTest);
    CPPUNIT_TEST(testFullCheckOnlyAfterUncleanStop);
    CPPUNIT_TEST(testCheckStoreOnDemand);
    CPPUNIT_TEST_SUITE_END();

public:
    void testFullCheckOnlyAfterUncleanStop()
    {
        TestGateway gateway;
        gateway.start();
        CPPUNIT_ASSERT_EQUAL(200, gateway.post(webhookBody({diskAlert("c1", "pi:9100", "warning")})).status);
        gateway.restart();
        CPPUNIT_ASSERT_MESSAGE(
            gateway.process().log(),
            contains(gateway.process().log(), "stopped cleanly last time: whole-file check skipped"));
        CPPUNIT_ASSERT(!contains(gateway.process().log(), "quick_check of the whole file"));
        gateway.process().kill();
        gateway.start();
        CPPUNIT_ASSERT_MESSAGE(gateway.process().log(),
                               contains(gateway.process().log(), "not stopped cleanly last time"));
        CPPUNIT_ASSERT_MESSAGE(gateway.process().log(),
                               contains(gateway.process().log(), "quick_check of the whole file passed in "));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), gateway.countRows("notifications"));
    }

    void testCheckStoreOnDemand()
    {
        TestGateway gateway;
        gateway.start();
        CPPUNIT_ASSERT_EQUAL(200, gateway.post(webhookBody({diskAlert("c2", "pi:9100", "warning")})).status);
        // While the daemon runs: it only reads.
        CommandResult sound = runAlertgate({"check-store", "--config", gateway.configFile()});
        CPPUNIT_ASSERT_EQUAL_MESSAGE(sound.err, 0, sound.exitCode);
        CPPUNIT_ASSERT_MESSAGE(sound.out, contains(sound.out, "quick_check ok in "));
        gateway.process().terminate();
        {
            // Page 3's b-tree header overwritten: damage quick_check must find.
            std::fstream file(gateway.storePath(), std::ios::in | std::ios::out | std::ios::binary);
            file.seekp(2 * 4096);
            file.write("\x0d\xff\xff\xff\xff\xff\xff\xff", 8);
        }
        CommandResult damaged = runAlertgate({"check-store", "--config", gateway.configFile()});
        CPPUNIT_ASSERT_EQUAL_MESSAGE(damaged.out, 1, damaged.exitCode);
        CPPUNIT_ASSERT_MESSAGE(damaged.err, contains(damaged.err, "quick_check failed"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(StartupCheckTest);

} // namespace AlertGate::Test
