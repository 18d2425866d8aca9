#include "Eventually.h"
#include "FakePatliteTower.h"
#include "FakeSlackServer.h"
#include "Fixtures.h"
#include "TestCertificates.h"
#include "TestGateway.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <cppunit/extensions/HelperMacros.h>

#include <functional>
#include <memory>
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

// The fake tower starts dark, so showing "000000" does not prove that alertgate's start-up command came.
bool appliedEventually(const FakePatliteTower& tower, const std::string& states)
{
    return tower.waitFor([&] { return joined(tower.appliedStates()) == states; }, WAIT_MS);
}

Object::Ptr signalsOf(TestGateway& gateway)
{
    return Poco::JSON::Parser().parse(gateway.get("/api/v1/signals").body).extract<Object::Ptr>();
}

// /api/v1/signals is recorded after the tower answers: wait for the state asserted, not for the tower.
bool signalsShowEventually(TestGateway& gateway, const std::function<bool(const Object::Ptr&)>& condition)
{
    return eventually([&] { return condition(signalsOf(gateway)); }, WAIT_MS);
}

bool startsWith(const std::string& text, const std::string& prefix)
{
    return text.compare(0, prefix.size(), prefix) == 0;
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
        CPPUNIT_ASSERT(appliedEventually(tower, "000000 "));
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
        CPPUNIT_ASSERT(signalsShowEventually(gateway, [](const Object::Ptr& signals) {
            auto shown = signals->getObject("tower");
            return shown->getValue<std::string>("desired") == "000000" &&
                   shown->getValue<std::string>("applied") == "000000";
        }));
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

    // No clock involved: the tower never answers and its timeout outlasts the test, so the reconciler is
    // inside its first command while webhooks come and go. A webhook that waited for the tower would see
    // that command fail first (failures 1) or would not be answered at all.
    void testWebhookDoesNotWaitForAHangingTower()
    {
        auto tower = std::make_unique<FakePatliteTower>();
        tower->setMode({false, 0, true, false});
        TestGateway gateway(towerIni(*tower, "http", "timeout = 60s\nreassert_interval = 1h\n"));
        // Killing the tower ends the command in flight, so the gateway stops without waiting for it.
        struct StopTowerFirst
        {
            std::unique_ptr<FakePatliteTower>& tower;
            ~StopTowerFirst() { tower.reset(); }
        } stopTowerFirst{tower};
        gateway.start();
        // The reconciler publishes what it wants just before it sends it.
        CPPUNIT_ASSERT(signalsShowEventually(gateway, [](const Object::Ptr& signals) {
            return signals->getObject("tower")->getValue<std::string>("desired") == "000000";
        }));
        for (int i = 1; i <= 10; ++i)
            CPPUNIT_ASSERT_EQUAL(200, gateway.post(firingAlert(i, i % 2 ? "warning" : "critical")).status);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(10), gateway.countRows("notifications"));
        auto status = signalsOf(gateway)->getObject("tower");
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), status->getValue<std::int64_t>("failures"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), status->getValue<std::string>("applied"));
        CPPUNIT_ASSERT(tower->appliedStates().empty());
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
        CPPUNIT_ASSERT(signalsShowEventually(
            gateway, [](const Object::Ptr& signals) { return signals->getValue<bool>("blind"); }));
        CPPUNIT_ASSERT_EQUAL(200, gateway.replay("watchdog-heartbeat").status);
        CPPUNIT_ASSERT(showsEventually(tower, "000000"));
        CPPUNIT_ASSERT(gateway.process().waitForLog("monitoring recovered", WAIT_MS));
        // The heartbeat stops again after the replay, so a later lapse may follow.
        const std::string states = joined(tower.appliedStates());
        CPPUNIT_ASSERT_MESSAGE(states, startsWith(states, "000000 220000 000000 "));
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
        // One message per lapse, however long it lasts: ReconcilerTest steps that with a clock.
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
        // The start-up state first: on a busy machine the webhook could otherwise be stored before the
        // reconciler's first command, and that command would already be the alert's.
        CPPUNIT_ASSERT(appliedEventually(tower, "000000 "));
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
