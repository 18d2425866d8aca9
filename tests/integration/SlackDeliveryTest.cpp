#include "Contains.h"
#include "Eventually.h"
#include "FakeSlackServer.h"
#include "Payloads.h"
#include "TestCertificates.h"
#include "TestGateway.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <cppunit/extensions/HelperMacros.h>

namespace AlertGate::Test {

namespace {

const std::string HOOK_PATH = "/services/T000/B000/XXXX";

std::string slackIni(const std::string& webhookUrl, const TestCertificates& certificates)
{
    return "[delivery]\nretry_initial = 100ms\nretry_max = 1s\n[slack]\nwebhook_url = " + webhookUrl +
           "\nca_file = " + certificates.caFile() + "\ntimeout = 5s\n";
}

/// The daemon with its Slack channel pointed at one scripted fake Slack server.
class SlackSetup
{
public:
    SlackSetup(const TestCertificates& certificates, const std::string& script)
        : _slack(script, &certificates), _gateway(slackIni(_slack.url(HOOK_PATH), certificates))
    {
        _gateway.start();
    }

    FakeSlackServer& slack() { return _slack; }
    TestGateway& gateway() { return _gateway; }

    void postDiskAlert(const std::string& fingerprint)
    {
        int status = _gateway.post(webhookBody({diskAlert(fingerprint, "pi:9100", "critical")})).status;
        CPPUNIT_ASSERT_EQUAL_MESSAGE(_gateway.process().log(), 200, status);
    }

    TestGateway::OutboxRow waitForFinalState()
    {
        CPPUNIT_ASSERT_MESSAGE(_gateway.process().log(), eventually(
                                                             [&] {
                                                                 auto rows = _gateway.outbox("slack");
                                                                 return !rows.empty() &&
                                                                        rows.front().state != "pending";
                                                             },
                                                             20000));
        return _gateway.outbox("slack").front();
    }

    std::size_t requestsBeforeALaterMessage()
    {
        const std::size_t queued = _gateway.outbox("slack").size();
        postDiskAlert("00000000000000ff");
        CPPUNIT_ASSERT_MESSAGE(_gateway.process().log(), eventually(
                                                             [&] {
                                                                 auto rows = _gateway.outbox("slack");
                                                                 return rows.size() > queued &&
                                                                        rows.back().state == "delivered";
                                                             },
                                                             20000));
        return _slack.requests().size() - 1;
    }
    /// Posts one more alert and waits for its message to be delivered; returns how many requests the
    /// server had before it. The channel sends in order, so every attempt an earlier message would make
    /// (a retry of a dead one, a repeat of a delivered one) has been made by then.

    void assertDeadWithoutRetries(const std::string& slackError)
    {
        auto row = waitForFinalState();
        CPPUNIT_ASSERT_EQUAL(std::string("dead"), row.state);
        CPPUNIT_ASSERT_MESSAGE(row.lastError, contains(row.lastError, slackError));
        // Still the one request: no retry storm.
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), requestsBeforeALaterMessage());
        CommandResult history = _gateway.history({"--format", "json"});
        CPPUNIT_ASSERT_MESSAGE(history.out, contains(history.out, "\"state\":\"dead\""));
        CPPUNIT_ASSERT_MESSAGE(history.out, contains(history.out, slackError));
        // Logged once the row is dead: wait for the line rather than read the log at once.
        CPPUNIT_ASSERT_MESSAGE(_gateway.process().log(), _gateway.process().waitForLog(slackError, 20000));
    }

private:
    FakeSlackServer _slack;
    TestGateway _gateway;
};

} // namespace

class SlackDeliveryTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(SlackDeliveryTest);
    CPPUNIT_TEST(testOkIsDelivered);
    CPPUNIT_TEST(testRateLimitWaitsForRetryAfter);
    CPPUNIT_TEST(testServerErrorThenOkIsDeliveredOnce);
    CPPUNIT_TEST(testInvalidPayloadIsDead);
    CPPUNIT_TEST(testNoServiceIsDead);
    CPPUNIT_TEST(testUntrustedCertificateIsRetriedNotSent);
    CPPUNIT_TEST_SUITE_END();

public:
    void testOkIsDelivered()
    {
        TestCertificates certificates;
        SlackSetup setup(certificates, "[]");
        setup.postDiskAlert("00000000000000d1");

        auto row = setup.waitForFinalState();
        CPPUNIT_ASSERT_EQUAL(std::string("delivered"), row.state);
        auto requests = setup.slack().requests();
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), requests.size());
        CPPUNIT_ASSERT_EQUAL(std::string("POST"), requests[0].method);
        CPPUNIT_ASSERT_EQUAL(HOOK_PATH, requests[0].path);
        CPPUNIT_ASSERT(contains(requests[0].headers["Content-Type"], "application/json"));
        auto message = Poco::JSON::Parser().parse(requests[0].body).extract<Poco::JSON::Object::Ptr>();
        CPPUNIT_ASSERT(
            contains(message->getValue<std::string>("text"), "[FIRING] Prometheus Alert Notification"));
        CPPUNIT_ASSERT(contains(requests[0].body, "ディスクの使用率が高い"));
    }

    void testRateLimitWaitsForRetryAfter()
    {
        TestCertificates certificates;
        SlackSetup setup(certificates,
                         R"([{"status": 429, "body": "rate_limited", "headers": {"Retry-After": "2"}}])");
        setup.postDiskAlert("00000000000000d2");

        CPPUNIT_ASSERT_EQUAL(std::string("delivered"), setup.waitForFinalState().state);
        auto requests = setup.slack().requests();
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), requests.size());
        double waited = requests[1].at - requests[0].at;
        CPPUNIT_ASSERT_MESSAGE("retried after " + std::to_string(waited) + " s", waited >= 2.0);
    }

    void testServerErrorThenOkIsDeliveredOnce()
    {
        TestCertificates certificates;
        SlackSetup setup(certificates, R"([{"status": 500, "body": "internal_error"}])");
        setup.postDiskAlert("00000000000000d3");

        auto row = setup.waitForFinalState();
        CPPUNIT_ASSERT_EQUAL(std::string("delivered"), row.state);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(2), row.attempts);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), setup.requestsBeforeALaterMessage());
        CPPUNIT_ASSERT_EQUAL(setup.slack().requests()[0].body, setup.slack().requests()[1].body);
    }

    void testInvalidPayloadIsDead()
    {
        TestCertificates certificates;
        SlackSetup setup(certificates, R"([{"status": 400, "body": "invalid_payload"}])");
        setup.postDiskAlert("00000000000000d4");
        setup.assertDeadWithoutRetries("invalid_payload");
    }

    void testNoServiceIsDead()
    {
        TestCertificates certificates;
        SlackSetup setup(certificates, R"([{"status": 404, "body": "no_service"}])");
        setup.postDiskAlert("00000000000000d5");
        setup.assertDeadWithoutRetries("no_service");
    }

    void testUntrustedCertificateIsRetriedNotSent()
    {
        TestCertificates certificates;
        FakeSlackServer slack("[]", &certificates, 0, FakeSlackServer::Certificate::Untrusted);
        TestGateway gateway(slackIni(slack.url(HOOK_PATH), certificates));
        gateway.start();
        CPPUNIT_ASSERT_EQUAL(
            200, gateway.post(webhookBody({diskAlert("00000000000000d6", "pi:9100", "critical")})).status);

        CPPUNIT_ASSERT(eventually([&] { return gateway.oldestAttempts("slack") >= 2; }, 20000));
        auto row = gateway.outbox("slack").front();
        CPPUNIT_ASSERT_EQUAL(std::string("pending"), row.state);
        CPPUNIT_ASSERT_MESSAGE(row.lastError, contains(row.lastError, "certificate"));
        CPPUNIT_ASSERT(slack.requests().empty());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SlackDeliveryTest);

} // namespace AlertGate::Test
