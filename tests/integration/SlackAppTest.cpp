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

const std::string TOKEN = "xoxb-test-token";

std::string posted(const std::string& ts)
{
    return R"({"status": 200, "body": "{\"ok\":true,\"channel\":\"C0ALERTS\",\"ts\":\")" + ts + R"(\"}"})";
}

std::string failed(const std::string& error, const std::string& extra = "")
{
    return R"({"status": 200, "body": "{\"ok\":false,\"error\":\")" + error + R"(\"}")" + extra + "}";
}

Poco::JSON::Object::Ptr json(const std::string& text)
{
    return Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
}

/// The daemon in Slack app mode against a scripted fake of Slack's Web API over HTTPS (the fake answers
/// as Slack does: HTTP 200 with "ok" and an error code).
class AppSetup
{
public:
    AppSetup(const TestCertificates& certificates, const std::string& script, bool threadReplies)
        : _slack(script, &certificates),
          _gateway("[delivery]\nretry_initial = 100ms\nretry_max = 1s\n[slack]\nbot_token = " + TOKEN +
                   "\nchannel = #alerts\napi_url = " + _slack.url("/api") +
                   "\nca_file = " + certificates.caFile() +
                   "\ntimeout = 5s\nthread_replies = " + (threadReplies ? "true" : "false") + "\n")
    {
        _gateway.start();
    }

    FakeSlackServer& slack() { return _slack; }
    TestGateway& gateway() { return _gateway; }

    void post(const std::vector<TestAlert>& alerts)
    {
        HttpResult result = _gateway.post(webhookBody(alerts));
        CPPUNIT_ASSERT_EQUAL_MESSAGE(result.body, 200, result.status);
    }

    // Every message of the channel has reached a final state.
    std::vector<TestGateway::OutboxRow> settled(std::size_t messages)
    {
        CPPUNIT_ASSERT_MESSAGE(_gateway.process().log() + _slack.log(),
                               eventually(
                                   [&] {
                                       auto rows = _gateway.outbox("slack");
                                       if (rows.size() != messages)
                                           return false;
                                       for (const auto& row : rows)
                                           if (row.state == "pending")
                                               return false;
                                       return true;
                                   },
                                   30000));
        return _gateway.outbox("slack");
    }

    std::string story()
    {
        std::string text;
        for (const auto& request : _slack.requests())
            text += request.path + " " + request.body + "\n";
        return text;
    }

private:
    FakeSlackServer _slack;
    TestGateway _gateway;
};

} // namespace

class SlackAppTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(SlackAppTest);
    CPPUNIT_TEST(testResolutionUpdatesTheFirstMessageAndRepliesInItsThread);
    CPPUNIT_TEST(testWithoutThreadRepliesOnlyTheMessageIsUpdated);
    CPPUNIT_TEST(testRatelimitedIsRetriedAfterRetryAfter);
    CPPUNIT_TEST(testMessageNotFoundPostsAnewAndLaterUpdatesGoThere);
    CPPUNIT_TEST(testInvalidAuthIsDeadWithTheReason);
    CPPUNIT_TEST(testSigkillBetweenPostAndCommitMakesAtMostOneDuplicate);
    CPPUNIT_TEST_SUITE_END();

public:
    void testResolutionUpdatesTheFirstMessageAndRepliesInItsThread()
    {
        TestCertificates certificates;
        AppSetup setup(certificates,
                       "[" + posted("1700000000.000100") + "," + posted("1700000000.000100") + "," +
                           posted("1700000000.000200") + "]",
                       true);
        TestAlert alert = diskAlert("00000000000000e1", "pi:9100", "critical");
        setup.post({alert});
        setup.settled(1);
        alert.status = "resolved";
        setup.post({alert});
        for (const auto& row : setup.settled(2))
            CPPUNIT_ASSERT_EQUAL_MESSAGE(row.lastError, std::string("delivered"), row.state);
        auto requests = setup.slack().requests();
        const std::string story = setup.story();
        CPPUNIT_ASSERT_EQUAL_MESSAGE(story, std::size_t(3), requests.size());
        CPPUNIT_ASSERT_EQUAL_MESSAGE(story, std::string("/api/chat.postMessage"), requests[0].path);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(story, std::string("/api/chat.update"), requests[1].path);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(story, std::string("/api/chat.postMessage"), requests[2].path);
        for (const auto& request : requests)
        {
            CPPUNIT_ASSERT_EQUAL(std::string("Bearer " + TOKEN), request.headers.at("Authorization"));
            CPPUNIT_ASSERT(contains(request.headers.at("Content-Type"), "application/json"));
        }
        CPPUNIT_ASSERT_EQUAL(std::string("#alerts"),
                             json(requests[0].body)->getValue<std::string>("channel"));
        CPPUNIT_ASSERT(contains(json(requests[0].body)->getValue<std::string>("text"), "[FIRING]"));
        // The update names the message Slack gave back (its channel id and ts) and says resolved.
        auto update = json(requests[1].body);
        CPPUNIT_ASSERT_EQUAL(std::string("C0ALERTS"), update->getValue<std::string>("channel"));
        CPPUNIT_ASSERT_EQUAL(std::string("1700000000.000100"), update->getValue<std::string>("ts"));
        CPPUNIT_ASSERT(contains(update->getValue<std::string>("text"), "[RESOLVED]"));
        auto reply = json(requests[2].body);
        CPPUNIT_ASSERT_EQUAL(std::string("1700000000.000100"), reply->getValue<std::string>("thread_ts"));
        CPPUNIT_ASSERT_EQUAL(std::string("Resolved."), reply->getValue<std::string>("text"));
    }

    void testWithoutThreadRepliesOnlyTheMessageIsUpdated()
    {
        TestCertificates certificates;
        AppSetup setup(certificates, "[" + posted("1.1") + "," + posted("1.1") + "]", false);
        TestAlert alert = diskAlert("00000000000000e2", "pi:9100", "critical");
        setup.post({alert});
        setup.settled(1);
        alert.status = "resolved";
        setup.post({alert});
        setup.settled(2);
        auto requests = setup.slack().requests();
        CPPUNIT_ASSERT_EQUAL_MESSAGE(setup.story(), std::size_t(2), requests.size());
        CPPUNIT_ASSERT_EQUAL(std::string("/api/chat.update"), requests[1].path);
        CPPUNIT_ASSERT_EQUAL(std::string("1.1"), json(requests[1].body)->getValue<std::string>("ts"));
        CPPUNIT_ASSERT(setup.gateway().allOutboxIn("slack", "delivered"));
    }

    void testRatelimitedIsRetriedAfterRetryAfter()
    {
        TestCertificates certificates;
        AppSetup setup(certificates,
                       "[" + failed("ratelimited", R"(, "headers": {"Retry-After": "2"})") + "," +
                           posted("2.1") + "]",
                       false);
        setup.post({diskAlert("00000000000000e3", "pi:9100", "critical")});
        auto rows = setup.settled(1);
        CPPUNIT_ASSERT_EQUAL(std::string("delivered"), rows[0].state);
        auto requests = setup.slack().requests();
        CPPUNIT_ASSERT_EQUAL_MESSAGE(setup.story(), std::size_t(2), requests.size());
        // Retry-After (2 s) is longer than the configured backoff (100 ms): the retry waited for it.
        CPPUNIT_ASSERT_MESSAGE(std::to_string(requests[1].at - requests[0].at),
                               requests[1].at - requests[0].at >= 1.9);
    }

    void testMessageNotFoundPostsAnewAndLaterUpdatesGoThere()
    {
        TestCertificates certificates;
        AppSetup setup(certificates,
                       "[" + posted("3.1") + "," + failed("message_not_found") + "," + posted("3.2") + "," +
                           posted("3.2") + "]",
                       false);
        TestAlert critical = diskAlert("00000000000000e4", "pi:9100", "critical");
        TestAlert warning = diskAlert("00000000000000e5", "pi:9100", "warning");
        setup.post({critical});
        setup.settled(1);
        setup.post({critical, warning}); // The message was deleted meanwhile: update fails, post anew.
        setup.settled(2);
        critical.status = warning.status = "resolved";
        setup.post({critical, warning});
        setup.settled(3);
        auto requests = setup.slack().requests();
        const std::string story = setup.story();
        CPPUNIT_ASSERT_EQUAL_MESSAGE(story, std::size_t(4), requests.size());
        CPPUNIT_ASSERT_EQUAL_MESSAGE(story, std::string("/api/chat.update"), requests[1].path);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(story, std::string("/api/chat.postMessage"), requests[2].path);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(story, std::string("/api/chat.update"), requests[3].path);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(story, std::string("3.2"),
                                     json(requests[3].body)->getValue<std::string>("ts"));
        CPPUNIT_ASSERT(setup.gateway().allOutboxIn("slack", "delivered"));
    }

    // Slack has taken the post but alertgate is killed before it reads the answer and commits the ts:
    // after the restart the message is posted once more (one duplicate), and the resolution updates
    // the message whose ts was kept.
    void testSigkillBetweenPostAndCommitMakesAtMostOneDuplicate()
    {
        TestCertificates certificates;
        const std::string slow =
            R"({"status": 200, "delay_ms": 60000, "body": "{\"ok\":true,\"channel\":\"C0ALERTS\",\"ts\":\"5.1\"}"})";
        AppSetup setup(certificates, "[" + slow + "," + posted("5.2") + "," + posted("5.2") + "]", false);
        TestAlert alert = diskAlert("00000000000000e7", "pi:9100", "critical");
        setup.post({alert});
        CPPUNIT_ASSERT(setup.slack().waitForRequests(1, 20000));
        setup.gateway().process().kill();
        setup.gateway().start();
        setup.settled(1);
        alert.status = "resolved";
        setup.post({alert});
        setup.settled(2);
        auto requests = setup.slack().requests();
        const std::string story = setup.story();
        CPPUNIT_ASSERT_EQUAL_MESSAGE(story, std::size_t(3), requests.size());
        CPPUNIT_ASSERT_EQUAL_MESSAGE(story, std::string("/api/chat.postMessage"), requests[0].path);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(story, std::string("/api/chat.postMessage"), requests[1].path);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(story, std::string("/api/chat.update"), requests[2].path);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(story, std::string("5.2"),
                                     json(requests[2].body)->getValue<std::string>("ts"));
        CPPUNIT_ASSERT(setup.gateway().allOutboxIn("slack", "delivered"));
    }

    void testInvalidAuthIsDeadWithTheReason()
    {
        TestCertificates certificates;
        AppSetup setup(certificates, "[" + failed("invalid_auth") + "]", false);
        setup.post({diskAlert("00000000000000e6", "pi:9100", "critical")});
        auto rows = setup.settled(1);
        CPPUNIT_ASSERT_EQUAL(std::string("dead"), rows[0].state);
        CPPUNIT_ASSERT_MESSAGE(rows[0].lastError,
                               contains(rows[0].lastError, "chat.postMessage: invalid_auth"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), setup.slack().requests().size());
        CPPUNIT_ASSERT(!contains(setup.gateway().process().log(), TOKEN)); // The token is never logged.
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SlackAppTest);

} // namespace AlertGate::Test
