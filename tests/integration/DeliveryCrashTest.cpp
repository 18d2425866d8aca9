#include "Eventually.h"
#include "FakeSlackServer.h"
#include "FakeSmtpServer.h"
#include "FreePort.h"
#include "Payloads.h"
#include "TempDir.h"
#include "TestCertificates.h"
#include "TestGateway.h"

#include <cppunit/extensions/HelperMacros.h>

#include <fstream>
#include <sys/stat.h>

namespace AlertGate::Test {

namespace {

const std::string HOOK_PATH = "/services/T000/B000/XXXX";

std::string slackIni(std::uint16_t port, const TestCertificates& certificates)
{
    return "[delivery]\nretry_initial = 100ms\nretry_max = 1s\n[slack]\nwebhook_url = https://localhost:" +
           std::to_string(port) + HOOK_PATH + "\nca_file = " + certificates.caFile() + "\ntimeout = 2s\n";
}

std::string instanceName(int i)
{
    return "host" + std::to_string(i) + ":9100";
}

void postNumbered(TestGateway& gateway, int i)
{
    std::string fingerprint = "00000000000000c" + std::to_string(i);
    int status = gateway.post(webhookBody({diskAlert(fingerprint, instanceName(i), "critical")})).status;
    CPPUNIT_ASSERT_EQUAL_MESSAGE(gateway.process().log(), 200, status);
}

/// Which numbered notification a Slack message carries; -1 if none.
int numberIn(const std::string& body, int count)
{
    for (int i = 1; i <= count; ++i)
        if (body.find(instanceName(i)) != std::string::npos)
            return i;
    return -1;
}

} // namespace

/// Issue 3, acceptance 3 and 4: nothing acknowledged is lost or reordered by a channel outage and a
/// crash, and a failing channel holds up neither the other channel nor ingestion.
class DeliveryCrashTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(DeliveryCrashTest);
    CPPUNIT_TEST(testSlackDownAndSigkillLosesNothingAndKeepsOrder);
    CPPUNIT_TEST(testFailingSlackDoesNotHoldUpEmailOrIngestion);
    CPPUNIT_TEST_SUITE_END();

public:
    void testSlackDownAndSigkillLosesNothingAndKeepsOrder()
    {
        constexpr int kCount = 6;
        TestCertificates certificates;
        std::uint16_t port = freeLoopbackPort();
        TestGateway gateway(slackIni(port, certificates));
        gateway.start();
        for (int i = 1; i <= kCount / 2; ++i)
            postNumbered(gateway, i);
        CPPUNIT_ASSERT(eventually([&] { return gateway.oldestAttempts("slack") >= 2; }, 20000));

        gateway.process().kill();
        gateway.start();
        for (int i = kCount / 2 + 1; i <= kCount; ++i)
            postNumbered(gateway, i);
        CPPUNIT_ASSERT_EQUAL(std::size_t(kCount), gateway.outbox("slack").size());

        FakeSlackServer slack("[]", &certificates, port);
        CPPUNIT_ASSERT_MESSAGE(gateway.process().log(), slack.waitForRequests(kCount, 30000));
        CPPUNIT_ASSERT(eventually([&] { return gateway.allOutboxIn("slack", "delivered"); }, 10000));
        // One more message, delivered: the channel sends in order, so a repeat of any earlier one would
        // have reached the server before it.
        postNumbered(gateway, kCount + 1);
        CPPUNIT_ASSERT_MESSAGE(gateway.process().log(), slack.waitForRequests(kCount + 1, 30000));
        CPPUNIT_ASSERT(eventually([&] { return gateway.allOutboxIn("slack", "delivered"); }, 10000));
        auto requests = slack.requests();
        CPPUNIT_ASSERT_EQUAL(std::size_t(kCount + 1), requests.size());
        CPPUNIT_ASSERT_EQUAL(kCount + 1, numberIn(requests[kCount].body, kCount + 1));
        for (int i = 1; i <= kCount; ++i)
            CPPUNIT_ASSERT_EQUAL_MESSAGE(requests[i - 1].body, i, numberIn(requests[i - 1].body, kCount));
    }

    void testFailingSlackDoesNotHoldUpEmailOrIngestion()
    {
        constexpr int kCount = 4;
        TestCertificates certificates;
        std::string alwaysFailing = "[";
        for (int i = 0; i < 200; ++i)
            alwaysFailing += std::string(i ? "," : "") + R"({"status": 500, "body": "internal_error"})";
        FakeSlackServer slack(alwaysFailing + "]", &certificates);
        FakeSmtpServer smtp(FakeSmtpServer::tlsOptions(certificates));

        std::string ini =
            "[delivery]\nretry_initial = 100ms\nretry_max = 1s\n[slack]\nwebhook_url = " +
            slack.url(HOOK_PATH) + "\nca_file = " + certificates.caFile() +
            "\n[email]\nsmtp_host = localhost\nsmtp_port = " + std::to_string(smtp.port()) +
            "\nfrom = alertgate@example.com\nto = oncall@example.com\nca_file = " + certificates.caFile() +
            "\n";
        TestGateway gateway(ini);
        gateway.start();
        for (int i = 1; i <= kCount; ++i)
            postNumbered(gateway, i);

        CPPUNIT_ASSERT_MESSAGE(gateway.process().log(), smtp.waitForMessages(kCount, 20000));
        CPPUNIT_ASSERT(slack.waitForRequests(2, 10000));
        // The fake SMTP server has the message before the gateway commits "delivered".
        CPPUNIT_ASSERT(eventually([&] { return gateway.allOutboxIn("email", "delivered"); }, 10000));
        CPPUNIT_ASSERT(gateway.allOutboxIn("slack", "pending"));
        CPPUNIT_ASSERT_EQUAL(200, gateway.replay("disk-critical-firing").status);
        CPPUNIT_ASSERT(smtp.waitForMessages(kCount + 1, 20000));
        assertMetricsPassPromtool(gateway);
    }

    // The delivery metrics (per channel and state, latency histogram) stay valid exposition format.
    static void assertMetricsPassPromtool(TestGateway& gateway)
    {
        HttpResult metrics = gateway.get("/metrics");
        CPPUNIT_ASSERT(metrics.body.find("channel=\"email\"") != std::string::npos);
        TempDir dir;
        std::string file = dir.write("metrics.txt", metrics.body);
        CommandResult check = runCommand("/bin/sh", {"-c", "promtool check metrics < " + file});
        CPPUNIT_ASSERT_EQUAL_MESSAGE(check.out + check.err, 0, check.exitCode);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(check.out + check.err, std::string(), check.out + check.err);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(DeliveryCrashTest);

} // namespace AlertGate::Test
