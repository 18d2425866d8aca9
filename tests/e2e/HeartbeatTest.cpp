#include "AlertChain.h"
#include "Contains.h"
#include "Eventually.h"

#include <cppunit/extensions/HelperMacros.h>

#include <algorithm>

namespace AlertGate::Test {

namespace {

constexpr int WAIT_MS = 60000;

bool slackMentions(AlertChain& chain, const std::string& text)
{
    auto texts = chain.slackTexts();
    return std::any_of(texts.begin(), texts.end(), [&](const std::string& t) { return contains(t, text); });
}

} // namespace

/// The dead man's switch through the real Prometheus and Alertmanager: Prometheus's Watchdog rule stops
/// (as when Prometheus, its rules or Alertmanager break) and alertgate shows that monitoring is blind.
class HeartbeatTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(HeartbeatTest);
    CPPUNIT_TEST(testStoppedWatchdogShowsBlindPatternUntilItReturns);
    CPPUNIT_TEST_SUITE_END();

public:
    void testStoppedWatchdogShowsBlindPatternUntilItReturns()
    {
        // Alertmanager re-sends the Watchdog every second or two (tests/e2e/config/alertmanager.yml).
        AlertChain chain(10, "[heartbeat]\ntimeout = 5s\n");
        TestGateway& gateway = chain.gateway();
        CPPUNIT_ASSERT_MESSAGE(chain.diagnostics(), waitForHeartbeat(gateway));
        CPPUNIT_ASSERT_MESSAGE(chain.diagnostics(), chain.towerShows("000000"));

        chain.monitoring().stopWatchdog();
        CPPUNIT_ASSERT_MESSAGE(chain.diagnostics(), chain.towerShows("220000"));
        CPPUNIT_ASSERT_MESSAGE(chain.diagnostics(),
                               gateway.process().waitForLog("monitoring is blind", WAIT_MS));
        CPPUNIT_ASSERT_MESSAGE(
            chain.diagnostics(),
            eventually([&] { return slackMentions(chain, "AlertgateHeartbeatMissing"); }, WAIT_MS));

        chain.monitoring().startWatchdog();
        CPPUNIT_ASSERT_MESSAGE(chain.diagnostics(), chain.towerShows("000000"));
        CPPUNIT_ASSERT_MESSAGE(chain.diagnostics(),
                               gateway.process().waitForLog("monitoring recovered", WAIT_MS));
        auto history = gateway.history({"--alertname", "AlertgateHeartbeatMissing"});
        CPPUNIT_ASSERT_MESSAGE(history.out,
                               contains(history.out, "firing") && contains(history.out, "resolved"));
    }

private:
    static bool waitForHeartbeat(TestGateway& gateway)
    {
        return eventually(
            [&] {
                return contains(gateway.history({"--alertname", "Watchdog"}).out, "Watchdog");
            },
            WAIT_MS);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(HeartbeatTest);

} // namespace AlertGate::Test
