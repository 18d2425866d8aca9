#include "Contains.h"
#include "Eventually.h"
#include "JsonParse.h"
#include "Payloads.h"
#include "TestGateway.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <cppunit/extensions/HelperMacros.h>

namespace AlertGate::Test {

namespace {

const std::string kAbsentChip = "gpiochip-alertgate-absent";

} // namespace

// Silence through the API and the CLI, recorded in the history; a buzzer whose chip is missing
// leaves the rest of the gateway working and shows as failed.
class SilenceTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(SilenceTest);
    CPPUNIT_TEST(testMissingChipIsReportedAndGatewayWorks);
    CPPUNIT_TEST(testSilenceViaApiAndCliIsInHistory);
    CPPUNIT_TEST(testSilenceNeedsCredentials);
    CPPUNIT_TEST(testCrossSiteRequestsAreRefused);
    CPPUNIT_TEST(testBadBodyIsRefused);
    CPPUNIT_TEST(testCliWithoutDaemonFails);
    CPPUNIT_TEST(testSilenceSurvivesRestart);
    CPPUNIT_TEST(testSilenceStopsTheBuzzerUntilANewCriticalAlert);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override
    {
        _gateway = std::make_unique<TestGateway>("[buzzer]\nchip = " + kAbsentChip +
                                                 "\nline = 17\nbutton_line = 27\n");
        _gateway->start();
    }

    void tearDown() override { _gateway.reset(); }

    void testMissingChipIsReportedAndGatewayWorks()
    {
        std::string log = _gateway->process().log();
        CPPUNIT_ASSERT_MESSAGE(
            log, contains(log, "No buzzer: GPIO chip \"" + kAbsentChip + "\" cannot be opened"));
        CPPUNIT_ASSERT_MESSAGE(log, contains(log, "No silence button: GPIO chip \"" + kAbsentChip + "\""));
        HttpResult ready = _gateway->get("/-/ready", {});
        CPPUNIT_ASSERT_EQUAL(200, ready.status);
        auto buzzer = parseObject(ready.body)->getObject("buzzer");
        CPPUNIT_ASSERT_EQUAL(std::string("failed"), buzzer->getValue<std::string>("state"));
        CPPUNIT_ASSERT(contains(buzzer->getValue<std::string>("error"), kAbsentChip));
        std::string metrics = _gateway->get("/metrics", {}).body;
        CPPUNIT_ASSERT_MESSAGE(metrics, contains(metrics, "\nalertgate_buzzer_up 0\n"));
        CPPUNIT_ASSERT_MESSAGE(metrics, contains(metrics, "\nalertgate_buzzer_sounding 0\n"));
        TestAlert critical = diskAlert("00000000000000f1", "pi:9100", "critical");
        CPPUNIT_ASSERT_EQUAL(200, _gateway->post(webhookBody({critical})).status);
    }

    void testSilenceViaApiAndCliIsInHistory()
    {
        HttpResult api = postSilence(R"({"by":"alice","comment":"on it"})");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(api.body, 200, api.status);
        auto silence = parseObject(api.body)->getObject("silence");
        CPPUNIT_ASSERT_EQUAL(std::string("alice"), silence->getValue<std::string>("by"));
        CPPUNIT_ASSERT_EQUAL(std::string("api"), silence->getValue<std::string>("via"));

        CommandResult cli =
            runAlertgate({"silence", "--config", cliConfig(), "--by", "bob", "--comment", "ack"});
        CPPUNIT_ASSERT_EQUAL_MESSAGE(cli.err, 0, cli.exitCode);
        CPPUNIT_ASSERT_MESSAGE(cli.out, contains(cli.out, "silenced at ") && contains(cli.out, " by bob"));

        CommandResult history = _gateway->history({"--status", "silenced"});
        CPPUNIT_ASSERT_EQUAL_MESSAGE(history.err, 0, history.exitCode);
        CPPUNIT_ASSERT_MESSAGE(
            history.out, contains(history.out, "silenced") && contains(history.out, "by=alice via=api") &&
                             contains(history.out, "by=bob via=cli") && contains(history.out, "2 events"));
        auto events = Poco::JSON::Parser()
                          .parse(_gateway->get("/api/v1/history?status=silenced").body)
                          .extract<Poco::JSON::Array::Ptr>();
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), events->size());
        CPPUNIT_ASSERT_EQUAL(
            std::string("ack"),
            events->getObject(1)->getObject("annotations")->getValue<std::string>("comment"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(2), _gateway->countRows("silences"));
    }

    void testSilenceNeedsCredentials()
    {
        HttpResult anonymous = httpRequest(_gateway->port(), "POST", "/api/v1/silence");
        CPPUNIT_ASSERT_EQUAL(401, anonymous.status);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), _gateway->countRows("silences"));
    }

    // Credentials a browser attaches by itself (basic auth) are not enough for a state change: a silence
    // needs X-Requested-By (a cross-site form cannot send it), and no POST may come from another origin.
    void testCrossSiteRequestsAreRefused()
    {
        HttpResult noHeader =
            httpRequest(_gateway->port(), "POST", "/api/v1/silence", TestGateway::authorized(), "{}");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(noHeader.body, 403, noHeader.status);
        CPPUNIT_ASSERT(contains(noHeader.body, "cross-site request refused"));
        auto fromElsewhere = TestGateway::authorized();
        fromElsewhere["X-Requested-By"] = "test";
        fromElsewhere["Origin"] = "http://evil.example";
        CPPUNIT_ASSERT_EQUAL(
            403, httpRequest(_gateway->port(), "POST", "/api/v1/silence", fromElsewhere, "{}").status);
        fromElsewhere.erase("X-Requested-By");
        CPPUNIT_ASSERT_EQUAL(403,
                             httpRequest(_gateway->port(), "POST", "/api/v1/alertmanager", fromElsewhere,
                                         webhookBody({diskAlert("00000000000000d1", "pi:9100", "critical")}))
                                 .status);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), _gateway->countRows("silences"));
        CPPUNIT_ASSERT(contains(_gateway->get("/metrics", {}).body,
                                "alertgate_webhook_rejections_total{reason=\"cross_site\"} 3"));
        // The same origin (the status page) with the header is served.
        auto sameOrigin = TestGateway::authorized();
        sameOrigin["X-Requested-By"] = "test";
        sameOrigin["Origin"] = "http://127.0.0.1:" + std::to_string(_gateway->port());
        HttpResult ok = httpRequest(_gateway->port(), "POST", "/api/v1/silence", sameOrigin, "{}");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(ok.body, 200, ok.status);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), _gateway->countRows("silences"));
    }

    void testBadBodyIsRefused()
    {
        HttpResult bad = postSilence(R"({"by": 42})");
        CPPUNIT_ASSERT_EQUAL(400, bad.status);
        CPPUNIT_ASSERT_MESSAGE(bad.body, contains(bad.body, "\\\"by\\\" must be a string"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), _gateway->countRows("silences"));
    }

    void testCliWithoutDaemonFails()
    {
        std::string config = cliConfig();
        _gateway->process().terminate();
        CommandResult cli = runAlertgate({"silence", "--config", config});
        CPPUNIT_ASSERT_EQUAL(1, cli.exitCode);
        CPPUNIT_ASSERT_MESSAGE(cli.err, contains(cli.err, "no answer from alertgate at 127.0.0.1:"));
    }

    void testSilenceSurvivesRestart()
    {
        CPPUNIT_ASSERT_EQUAL(200, postSilence(R"({"by":"carol"})").status);
        _gateway->restart();
        CPPUNIT_ASSERT_MESSAGE(_gateway->process().log(),
                               _gateway->process().waitForLog("Silence restored from the history", 10000));
    }

    // Issue 4, acceptance 5. Without GPIO hardware the buzzer's cadence runs over a line that goes
    // nowhere; /metrics shows whether it plays (alertgate_buzzer_sounding).
    void testSilenceStopsTheBuzzerUntilANewCriticalAlert()
    {
        CPPUNIT_ASSERT(waitForSounding(false));
        postCritical("00000000000000b1", "pi:9100");
        CPPUNIT_ASSERT_MESSAGE(_gateway->process().log(), waitForSounding(true));

        CPPUNIT_ASSERT_EQUAL(200, postSilence(R"({"by":"alice"})").status);
        CPPUNIT_ASSERT(waitForSounding(false));

        postCritical("00000000000000b2", "nas:9100");
        CPPUNIT_ASSERT(waitForSounding(true));

        CommandResult cli = runAlertgate({"silence", "--config", cliConfig(), "--by", "bob"});
        CPPUNIT_ASSERT_EQUAL_MESSAGE(cli.err, 0, cli.exitCode);
        CPPUNIT_ASSERT(waitForSounding(false));
        // The same alerts notified again are no new alert: the buzzer stays quiet. The second post adds an
        // alert that lights a lamp and sounds nothing (on another instance, so [lamp] group_by keeps it
        // apart from the critical one); once the signals show its lamp, the reconciler has seen both
        // posts, and what it wants for the buzzer at that moment is the answer.
        postCritical("00000000000000b2", "nas:9100");
        CPPUNIT_ASSERT_EQUAL(200,
                             _gateway
                                 ->post(webhookBody({diskAlert("00000000000000b2", "nas:9100", "critical"),
                                                     diskAlert("00000000000000b3", "nuc:9100", "alert")}))
                                 .status);
        Poco::JSON::Object::Ptr signals;
        CPPUNIT_ASSERT(eventually(
            [&] {
                signals = parseObject(_gateway->get("/api/v1/signals").body);
                return signals->getObject("tower")->getValue<std::string>("desired") == "102000";
            },
            10000));
        CPPUNIT_ASSERT(signals->getValue<bool>("silenced"));
        CPPUNIT_ASSERT(signals->get("buzzerPattern").isEmpty());
        CPPUNIT_ASSERT(waitForSounding(false));

        CommandResult history = _gateway->history({"--status", "silenced"});
        CPPUNIT_ASSERT_MESSAGE(history.out, contains(history.out, "by=alice via=api") &&
                                                contains(history.out, "by=bob via=cli"));
    }

private:
    void postCritical(const std::string& fingerprint, const std::string& instance)
    {
        CPPUNIT_ASSERT_EQUAL(
            200, _gateway->post(webhookBody({diskAlert(fingerprint, instance, "critical")})).status);
    }

    bool waitForSounding(bool sounding, int timeoutMs = 10000)
    {
        std::string line = std::string("\nalertgate_buzzer_sounding ") + (sounding ? "1\n" : "0\n");
        return eventually([&] { return contains(_gateway->get("/metrics", {}).body, line); }, timeoutMs);
    }

    HttpResult postSilence(const std::string& body)
    {
        auto headers = TestGateway::authorized();
        headers["X-Requested-By"] = "test";
        return httpRequest(_gateway->port(), "POST", "/api/v1/silence", headers, body);
    }

    // The CLI finds the daemon through the configuration; the test gateway listens on a port the
    // kernel chose, so the CLI gets a config naming it, with the same credentials.
    std::string cliConfig()
    {
        return _dir.write("cli.ini",
                          "[http]\nlisten = 127.0.0.1:" + std::to_string(_gateway->port()) +
                              "\n[webhook]\nbearer_token = s3cret\n",
                          0600);
    }

    TempDir _dir;
    std::unique_ptr<TestGateway> _gateway;
};

CPPUNIT_TEST_SUITE_REGISTRATION(SilenceTest);

} // namespace AlertGate::Test
