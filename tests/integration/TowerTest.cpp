#include "FakePatliteTower.h"
#include "FakeSlackServer.h"
#include "Fixtures.h"
#include "TestCertificates.h"
#include "TestGateway.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <cppunit/extensions/HelperMacros.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <sstream>

namespace AlertGate::Test {

namespace {

using Poco::JSON::Object;

constexpr int WAIT_MS = 15000;

std::string
towerIni(const FakePatliteTower& tower, const std::string& protocol = "http",
         const std::string& extra = "reassert_interval = 1h\nretry_initial = 100ms\nretry_max = 500ms\n")
{
    std::uint16_t port = protocol == "pns" ? tower.pnsPort() : tower.httpPort();
    return "[tower]\nprotocol = " + protocol + "\nhost = 127.0.0.1\nport = " + std::to_string(port) + "\n" +
           extra;
}

// The disk-critical fixture as Alertmanager sends it once the alert resolves.
std::string criticalResolved()
{
    auto body = Poco::JSON::Parser().parse(loadFixture("disk-critical-firing").body).extract<Object::Ptr>();
    body->set("status", "resolved");
    auto alert = body->getArray("alerts")->getObject(0);
    alert->set("status", "resolved");
    alert->set("endsAt", "2026-11-22T12:40:00Z");
    std::ostringstream out;
    body->stringify(out);
    return out.str();
}

// An alert of its own per call (its own instance, so its own [lamp] group_by group), so that every post
// changes the desired state.
std::string firingAlert(int number, const std::string& severity)
{
    return R"({"version":"4","groupKey":"{}:{alertname=\"Load\", n=\")" + std::to_string(number) +
           R"(\"}","status":"firing","receiver":"gw",
        "groupLabels":{},"commonLabels":{},"commonAnnotations":{},"externalURL":"http://am","truncatedAlerts":0,
        "alerts":[{"status":"firing","labels":{"alertname":"Load","instance":"host-)" +
           std::to_string(number) + R"(","n":")" + std::to_string(number) + R"(","severity":")" + severity +
           R"("},"annotations":{},"startsAt":"2026-11-22T12:00:00Z","endsAt":"0001-01-01T00:00:00Z",
        "generatorURL":"http://prom","fingerprint":"f)" +
           std::to_string(number) + R"("}]})";
}

bool showsEventually(const FakePatliteTower& tower, const std::string& digits)
{
    return tower.waitFor([&] { return tower.state() == digits; }, WAIT_MS);
}

std::string joined(const std::vector<std::string>& states)
{
    std::string text;
    for (const auto& state : states)
        text += state + " ";
    return text;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

double postMillis(TestGateway& gateway, int number)
{
    auto started = std::chrono::steady_clock::now();
    HttpResult result = gateway.post(firingAlert(number, number % 2 ? "warning" : "critical"));
    std::chrono::duration<double, std::milli> elapsed = std::chrono::steady_clock::now() - started;
    CPPUNIT_ASSERT_EQUAL_MESSAGE(result.body, 200, result.status);
    return elapsed.count();
}

} // namespace

class TowerTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(TowerTest);
    CPPUNIT_TEST(testFixtureReplayDrivesTheTowerThroughExactlyTheExpectedStates);
    CPPUNIT_TEST(testPnsTowerFollowsTheAlerts);
    CPPUNIT_TEST(testRebootedTowerIsReasserted);
    CPPUNIT_TEST(testDisabledHttpControlIsExplainedAndIngestionGoesOn);
    CPPUNIT_TEST(testWebhookDoesNotWaitForAHangingTower);
    CPPUNIT_TEST(testHeartbeatLapseShowsBlindPatternUntilItReturns);
    CPPUNIT_TEST(testHeartbeatLapseAndReturnAreOneMessageEachAndInTheHistory);
    CPPUNIT_TEST(testStaleAlertIsResolvedWithItsReason);
    CPPUNIT_TEST_SUITE_END();

public:
    // With group_by = (empty) every active severity lights its lamps, so the critical and the alert level
    // of the same disk show together (the grouped default is e2e.DiskUsageTest's and LampStateTest's).
    void testFixtureReplayDrivesTheTowerThroughExactlyTheExpectedStates()
    {
        FakePatliteTower tower;
        TestGateway gateway(towerIni(tower) + "[lamp]\ngroup_by =\n");
        gateway.start();
        CPPUNIT_ASSERT(showsEventually(tower, "000000"));
        // Each step waits for its state, so the reconciler cannot fold two steps into one.
        const std::pair<std::string, std::string> steps[] = {{"disk-critical-firing", "100000"},
                                                             {"disk-alert-firing", "102000"},
                                                             {"watchdog-heartbeat", "102000"},
                                                             {"disk-alert-resolved", "100000"}};
        for (const auto& [fixture, expected] : steps)
        {
            CPPUNIT_ASSERT_EQUAL(200, gateway.replay(fixture).status);
            CPPUNIT_ASSERT_MESSAGE(fixture + " -> " + expected + "; tower saw " +
                                       joined(tower.appliedStates()),
                                   showsEventually(tower, expected));
        }
        CPPUNIT_ASSERT_EQUAL(200, gateway.post(criticalResolved()).status);
        CPPUNIT_ASSERT(showsEventually(tower, "000000"));
        CPPUNIT_ASSERT_EQUAL(std::string("000000 100000 102000 100000 000000 "),
                             joined(tower.appliedStates()));
        for (const auto& command : tower.commands())
            CPPUNIT_ASSERT_EQUAL(std::string("http"), command.protocol);
        HttpResult signals = gateway.get("/api/v1/signals");
        auto status = Poco::JSON::Parser().parse(signals.body).extract<Object::Ptr>()->getObject("tower");
        CPPUNIT_ASSERT_EQUAL(std::string("000000"), status->getValue<std::string>("desired"));
        CPPUNIT_ASSERT_EQUAL(std::string("000000"), status->getValue<std::string>("applied"));
    }

    void testPnsTowerFollowsTheAlerts()
    {
        FakePatliteTower tower;
        TestGateway gateway(towerIni(tower, "pns"));
        gateway.start();
        CPPUNIT_ASSERT_EQUAL(200, gateway.replay("disk-critical-firing").status);
        CPPUNIT_ASSERT(showsEventually(tower, "100000"));
        CPPUNIT_ASSERT_EQUAL(200, gateway.post(criticalResolved()).status);
        CPPUNIT_ASSERT(showsEventually(tower, "000000"));
        auto commands = tower.commands();
        CPPUNIT_ASSERT(!commands.empty());
        for (const auto& command : commands)
        {
            CPPUNIT_ASSERT_EQUAL(std::string("pns"), command.protocol);
            CPPUNIT_ASSERT_EQUAL(std::string("S"), command.command);
            CPPUNIT_ASSERT_EQUAL(std::string("ACK"), command.result);
        }
    }

    void testRebootedTowerIsReasserted()
    {
        FakePatliteTower tower;
        TestGateway gateway(towerIni(tower, "http", "reassert_interval = 500ms\n"));
        gateway.start();
        CPPUNIT_ASSERT_EQUAL(200, gateway.replay("disk-critical-firing").status);
        CPPUNIT_ASSERT(showsEventually(tower, "100000"));
        tower.reboot();
        CPPUNIT_ASSERT_EQUAL(std::string("000000"), tower.state());
        CPPUNIT_ASSERT(showsEventually(tower, "100000"));
    }

    void testDisabledHttpControlIsExplainedAndIngestionGoesOn()
    {
        FakePatliteTower tower;
        tower.setMode({true, 0, false, false});
        TestGateway gateway(towerIni(tower));
        gateway.start();
        HttpResult posted = gateway.replay("disk-critical-firing");
        CPPUNIT_ASSERT_EQUAL(200, posted.status);
        CPPUNIT_ASSERT_MESSAGE(
            gateway.process().log(),
            gateway.process().waitForLog("Enable Feature -> \"HTTP Command Control\" on", WAIT_MS));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), gateway.countRows("alert_events"));
        HttpResult ready = gateway.get("/-/ready", {});
        CPPUNIT_ASSERT_EQUAL(200, ready.status);
        CPPUNIT_ASSERT_MESSAGE(ready.body, ready.body.find(R"("tower":{"error":)") != std::string::npos);
        HttpResult metrics = gateway.get("/metrics", {});
        CPPUNIT_ASSERT_MESSAGE(metrics.body,
                               metrics.body.find("\nalertgate_tower_up 0\n") != std::string::npos);

        // Once control is enabled the retries bring the tower to the right state.
        tower.setMode({});
        CPPUNIT_ASSERT(showsEventually(tower, "100000"));
        CPPUNIT_ASSERT(tower.waitFor(
            [&] {
                return gateway.get("/metrics", {}).body.find("\nalertgate_tower_up 1\n") != std::string::npos;
            },
            WAIT_MS));
    }

    // Not a timing assertion on the tower: the comparison is between two gateways on the same machine.
    void testWebhookDoesNotWaitForAHangingTower()
    {
        constexpr int POSTS = 15;
        FakePatliteTower healthyTower;
        FakePatliteTower hangingTower;
        hangingTower.setMode({false, 0, true, false});
        const std::string timing =
            "timeout = 2s\nreassert_interval = 1h\nretry_initial = 100ms\nretry_max = 200ms\n";
        TestGateway healthy(towerIni(healthyTower, "http", timing));
        TestGateway hanging(towerIni(hangingTower, "http", timing));
        healthy.start();
        hanging.start();
        // Interleaved, so that both see the same load on the machine.
        std::vector<double> healthyMillis, hangingMillis;
        for (int i = 1; i <= POSTS; ++i)
        {
            healthyMillis.push_back(postMillis(healthy, i));
            hangingMillis.push_back(postMillis(hanging, i));
        }
        const double healthyMedian = median(healthyMillis);
        const double hangingMedian = median(hangingMillis);
        // Evidence for the reader of the test log; the assertion below is the test. A webhook that waited
        // for the tower would take its 2 s timeout.
        std::cout << "\nmedian webhook answer: healthy tower " << healthyMedian << " ms, hanging tower "
                  << hangingMedian << " ms\n";
        CPPUNIT_ASSERT_MESSAGE("median post " + std::to_string(hangingMedian) + " ms with a hanging tower, " +
                                   std::to_string(healthyMedian) + " ms with a healthy one",
                               hangingMedian < 20 * healthyMedian + 5);
        CPPUNIT_ASSERT(hangingTower.appliedStates().empty());
        CPPUNIT_ASSERT(showsEventually(healthyTower, "110000"));
    }

    void testHeartbeatLapseShowsBlindPatternUntilItReturns()
    {
        FakePatliteTower tower;
        TestGateway gateway(towerIni(tower) + "[heartbeat]\ntimeout = 1s\n");
        gateway.start();
        CPPUNIT_ASSERT_EQUAL(200, gateway.replay("watchdog-heartbeat").status);
        CPPUNIT_ASSERT(showsEventually(tower, "000000"));
        // No more heartbeats: after the timeout the tower shows the default blind pattern.
        CPPUNIT_ASSERT(showsEventually(tower, "220000"));
        CPPUNIT_ASSERT(gateway.process().waitForLog("monitoring is blind", WAIT_MS));
        auto signals = Poco::JSON::Parser().parse(gateway.get("/api/v1/signals").body).extract<Object::Ptr>();
        CPPUNIT_ASSERT(signals->getValue<bool>("blind"));
        CPPUNIT_ASSERT_EQUAL(200, gateway.replay("watchdog-heartbeat").status);
        CPPUNIT_ASSERT(showsEventually(tower, "000000"));
        CPPUNIT_ASSERT(gateway.process().waitForLog("monitoring recovered", WAIT_MS));
        CPPUNIT_ASSERT_EQUAL(std::string("000000 220000 000000 "), joined(tower.appliedStates()));
    }

    void testHeartbeatLapseAndReturnAreOneMessageEachAndInTheHistory()
    {
        TestCertificates certificates;
        FakeSlackServer slack("[]", &certificates);
        TestGateway gateway("[heartbeat]\ntimeout = 1s\n[slack]\nwebhook_url = " + slack.url("/hook") +
                            "\nca_file = " + certificates.caFile() + "\n");
        gateway.start();
        CPPUNIT_ASSERT_EQUAL(200, gateway.replay("watchdog-heartbeat").status);
        CPPUNIT_ASSERT_MESSAGE(gateway.process().log(), slack.waitForRequests(1, WAIT_MS));
        CPPUNIT_ASSERT(gateway.process().waitForLog("monitoring is blind", WAIT_MS));
        // One message per lapse, however long it lasts.
        CPPUNIT_ASSERT(!slack.waitForRequests(2, 1500));
        CPPUNIT_ASSERT_EQUAL(200, gateway.replay("watchdog-heartbeat").status);
        CPPUNIT_ASSERT_MESSAGE(slack.log(), slack.waitForRequests(2, WAIT_MS));
        auto requests = slack.requests();
        CPPUNIT_ASSERT_MESSAGE(requests[0].body,
                               requests[0].body.find("Monitoring is blind") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(requests[1].body,
                               requests[1].body.find("Monitoring recovered") != std::string::npos);

        CommandResult history =
            gateway.history({"--format", "json", "--alertname", "AlertgateHeartbeatMissing"});
        CPPUNIT_ASSERT_EQUAL_MESSAGE(history.err, 0, history.exitCode);
        auto events = Poco::JSON::Parser().parse(history.out).extract<Poco::JSON::Array::Ptr>();
        // The heartbeat stops again after the test's replay, so a later lapse may follow.
        CPPUNIT_ASSERT_MESSAGE(history.out, events->size() >= 2);
        CPPUNIT_ASSERT_EQUAL(std::string("firing"), events->getObject(0)->getValue<std::string>("status"));
        CPPUNIT_ASSERT_EQUAL(std::string("resolved"), events->getObject(1)->getValue<std::string>("status"));
    }

    void testStaleAlertIsResolvedWithItsReason()
    {
        FakePatliteTower tower;
        TestGateway gateway(towerIni(tower) + "[alerts]\nstale_after = 1s\n");
        gateway.start();
        CPPUNIT_ASSERT_EQUAL(200, gateway.replay("disk-critical-firing").status);
        CPPUNIT_ASSERT(showsEventually(tower, "100000"));
        CPPUNIT_ASSERT(showsEventually(tower, "000000"));
        CPPUNIT_ASSERT_EQUAL(std::string("000000 100000 000000 "), joined(tower.appliedStates()));
        CommandResult history = gateway.history({"--format", "json"});
        CPPUNIT_ASSERT_EQUAL_MESSAGE(history.err, 0, history.exitCode);
        auto events = Poco::JSON::Parser().parse(history.out).extract<Poco::JSON::Array::Ptr>();
        CPPUNIT_ASSERT_EQUAL_MESSAGE(history.out, std::size_t(2), events->size());
        auto stale = events->getObject(1);
        CPPUNIT_ASSERT_EQUAL(std::string("resolved"), stale->getValue<std::string>("status"));
        CPPUNIT_ASSERT_EQUAL(std::string("stale"), stale->getValue<std::string>("reason"));
        // The same episode notified again is active again.
        CPPUNIT_ASSERT_EQUAL(200, gateway.replay("disk-critical-firing").status);
        CPPUNIT_ASSERT(showsEventually(tower, "100000"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(TowerTest);

} // namespace AlertGate::Test
