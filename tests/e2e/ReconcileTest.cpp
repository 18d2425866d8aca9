#include "AlertChain.h"
#include "Eventually.h"
#include "JsonParse.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <cppunit/extensions/HelperMacros.h>

namespace AlertGate::Test {

namespace {

constexpr int STEP_TIMEOUT_MS = 60000;

// "status reason" of each event of the critical DiskUsage alert, oldest first, from `alertgate history`.
std::string criticalStory(TestGateway& gateway)
{
    CommandResult result =
        gateway.history({"--format", "json", "--alertname", "DiskUsage", "--severity", "critical"});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(result.err, 0, result.exitCode);
    auto events = parseArray(result.out);
    std::string story;
    for (std::size_t i = 0; i < events->size(); ++i)
    {
        auto event = events->getObject(static_cast<unsigned>(i));
        story += (story.empty() ? "" : ", ") + event->getValue<std::string>("status") + " " +
                 event->getValue<std::string>("reason");
    }
    return story;
}

// The suppression alertgate shows for the firing critical DiskUsage alert (GET /api/v1/alerts).
std::string criticalSuppression(TestGateway& gateway)
{
    auto alerts = parseArray(gateway.get("/api/v1/alerts").body);
    for (std::size_t i = 0; i < alerts->size(); ++i)
    {
        auto alert = alerts->getObject(static_cast<unsigned>(i));
        if (alert->getValue<std::string>("alertname") == "DiskUsage" &&
            alert->getValue<std::string>("severity") == "critical")
            return alert->getValue<std::string>("suppressed");
    }
    return "(not firing)";
}

} // namespace

/// Reconciliation with Alertmanager's API (GET /api/v2/alerts) through the real Prometheus and
/// Alertmanager: what the webhooks alone cannot tell alertgate.
class ReconcileTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(ReconcileTest);
    CPPUNIT_TEST(testResolutionLostWhileDownIsReconciled);
    CPPUNIT_TEST(testSilencedAlertLeavesTheTower);
    CPPUNIT_TEST_SUITE_END();

public:
    // alertgate is down while the disk is cleaned up, and Alertmanager loses what it would have
    // re-sent (restarted without its storage): no "resolved" ever arrives. Back up, alertgate asks
    // Alertmanager and turns the tower off.
    void testResolutionLostWhileDownIsReconciled()
    {
        AlertChain chain(85, "", AlertChain::Reconcile::WithAlertmanager);
        CPPUNIT_ASSERT_MESSAGE(chain.diagnostics(), chain.towerShows("100000"));
        chain.gateway().stop();
        chain.monitoring().setDiskUsage(30);
        CPPUNIT_ASSERT_MESSAGE(
            chain.diagnostics(),
            eventually([&] { return !chain.monitoring().prometheusFires("DiskUsage"); }, STEP_TIMEOUT_MS));
        chain.monitoring().restartAlertmanagerWithoutItsState();
        chain.gateway().start();
        CPPUNIT_ASSERT_MESSAGE(chain.diagnostics(), chain.towerShows("000000"));
        CPPUNIT_ASSERT_EQUAL_MESSAGE(chain.diagnostics(), std::string("firing notified, resolved reconciled"),
                                     criticalStory(chain.gateway()));
    }

    // A silence made in Alertmanager holds the alert back: Alertmanager sends nothing more about it,
    // and only its API tells that it is silenced.
    void testSilencedAlertLeavesTheTower()
    {
        AlertChain chain(85, "", AlertChain::Reconcile::WithAlertmanager);
        CPPUNIT_ASSERT_MESSAGE(chain.diagnostics(), chain.towerShows("100000"));
        chain.monitoring().silence("DiskUsage");
        CPPUNIT_ASSERT_MESSAGE(chain.diagnostics(), chain.towerShows("000000"));
        CPPUNIT_ASSERT_MESSAGE(
            chain.diagnostics(),
            eventually([&] { return criticalSuppression(chain.gateway()) == "silenced"; }, STEP_TIMEOUT_MS));
        CPPUNIT_ASSERT_EQUAL_MESSAGE(chain.diagnostics(), std::string("firing notified, firing silenced"),
                                     criticalStory(chain.gateway()));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ReconcileTest);

} // namespace AlertGate::Test
