#include "Eventually.h"
#include "NotifySocket.h"
#include "Payloads.h"
#include "TestGateway.h"

#include <cppunit/extensions/HelperMacros.h>

#include <csignal>

namespace AlertGate::Test {

namespace {

std::size_t occurrences(const std::string& text, const std::string& part)
{
    std::size_t count = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size()))
        ++count;
    return count;
}

std::map<std::string, std::string> bearer(const std::string& token)
{
    return {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + token}};
}

} // namespace

class SystemdTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(SystemdTest);
    CPPUNIT_TEST(testReadyAndWatchdogNotifications);
    CPPUNIT_TEST(testSighupAppliesGoodConfigAndKeepsOldOnBadOne);
    CPPUNIT_TEST_SUITE_END();

public:
    void testReadyAndWatchdogNotifications()
    {
        TempDir dir;
        NotifySocket systemd(dir.file("notify"));
        TestGateway gateway;
        gateway.start({{"NOTIFY_SOCKET", systemd.path()}, {"WATCHDOG_USEC", "200000"}});
        CPPUNIT_ASSERT_MESSAGE(gateway.process().log(), systemd.waitFor("READY=1", 10000));
        CPPUNIT_ASSERT_MESSAGE(gateway.process().log(), systemd.waitFor("WATCHDOG=1", 10000));
        gateway.process().sendSignal(SIGHUP);
        CPPUNIT_ASSERT(systemd.waitFor("RELOADING=1", 10000));
        CPPUNIT_ASSERT_EQUAL(0, gateway.process().terminate());
        CPPUNIT_ASSERT(systemd.waitFor("STOPPING=1", 10000));
    }

    void testSighupAppliesGoodConfigAndKeepsOldOnBadOne()
    {
        TestGateway gateway;
        gateway.start();
        std::string body = webhookBody({diskAlert("00000000000000f1", "pi:9100", "critical")});

        gateway.rewriteConfig(gateway.webhookSection("n3w"));
        gateway.process().sendSignal(SIGHUP);
        CPPUNIT_ASSERT(gateway.process().waitForLog("configuration reloaded", 10000));
        CPPUNIT_ASSERT_EQUAL(200, gateway.post(body, bearer("n3w")).status);
        CPPUNIT_ASSERT_EQUAL(401, gateway.post(body, bearer("s3cret")).status);

        gateway.rewriteConfig(gateway.webhookSection("n3w2") +
                              "[http]\nlisten = 127.0.0.1:1\nmax_body_size = huge\n");
        gateway.process().sendSignal(SIGHUP);
        CPPUNIT_ASSERT(gateway.process().waitForLog("http.max_body_size: expected a size", 10000));
        CPPUNIT_ASSERT(gateway.process().log().find("reload refused, keeping the running configuration") !=
                       std::string::npos);
        CPPUNIT_ASSERT_EQUAL(200, gateway.post(body, bearer("n3w")).status);
        CPPUNIT_ASSERT_EQUAL(401, gateway.post(body, bearer("n3w2")).status);

        gateway.rewriteConfig(gateway.webhookSection("n3w3") + "[http]\nlisten = 127.0.0.1:1\n");
        gateway.process().sendSignal(SIGHUP);
        CPPUNIT_ASSERT(gateway.process().waitForLog("http.listen changed", 10000));
        // The warning comes before the reload is applied: wait for the second "reloaded".
        CPPUNIT_ASSERT(eventually(
            [&] { return occurrences(gateway.process().log(), "configuration reloaded") == 2; }, 10000));
        CPPUNIT_ASSERT_EQUAL(200, gateway.post(body, bearer("n3w3")).status);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SystemdTest);

} // namespace AlertGate::Test
