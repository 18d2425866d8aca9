#include "Contains.h"
#include "FakeSlackServer.h"
#include "FakeSmtpServer.h"
#include "TempDir.h"
#include "TestCertificates.h"
#include "TestGateway.h"

#include <cppunit/extensions/HelperMacros.h>

namespace AlertGate::Test {

namespace {

CommandResult testNotify(const std::string& channel, const TestGateway& gateway)
{
    return runAlertgate({"test-notify", channel, "--config", gateway.configFile()});
}

std::string slackIni(const FakeSlackServer& slack, const TestCertificates& certificates)
{
    return "[slack]\nwebhook_url = " + slack.url("/services/T000/B000/XXXX") +
           "\nca_file = " + certificates.caFile() + "\n";
}

} // namespace

/// `alertgate test-notify` sends through the real channel and reports what the server answered.
class TestNotifyTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(TestNotifyTest);
    CPPUNIT_TEST(testSlackOk);
    CPPUNIT_TEST(testSlackErrorIsReported);
    CPPUNIT_TEST(testEmail);
    CPPUNIT_TEST(testUnconfiguredChannel);
    CPPUNIT_TEST_SUITE_END();

public:
    void testSlackOk()
    {
        TestCertificates certificates;
        FakeSlackServer slack("[]", &certificates);
        TestGateway gateway(slackIni(slack, certificates));
        CommandResult result = testNotify("slack", gateway);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(result.out + result.err, 0, result.exitCode);
        CPPUNIT_ASSERT_MESSAGE(result.out, contains(result.out, "slack: delivered"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), slack.requests().size());
        CPPUNIT_ASSERT(contains(slack.requests().front().body, "AlertgateTest"));
    }

    void testSlackErrorIsReported()
    {
        TestCertificates certificates;
        FakeSlackServer slack(R"([{"status": 403, "body": "invalid_token"}])", &certificates);
        TestGateway gateway(slackIni(slack, certificates));
        CommandResult result = testNotify("slack", gateway);
        CPPUNIT_ASSERT_EQUAL(1, result.exitCode);
        CPPUNIT_ASSERT_MESSAGE(result.out, contains(result.out, "403"));
        CPPUNIT_ASSERT_MESSAGE(result.out, contains(result.out, "invalid_token"));
    }

    void testEmail()
    {
        TestCertificates certificates;
        FakeSmtpServer smtp(FakeSmtpServer::tlsOptions(certificates));
        TestGateway gateway("[email]\nsmtp_host = localhost\nsmtp_port = " + std::to_string(smtp.port()) +
                            "\nfrom = alertgate@example.com\nto = oncall@example.com\nca_file = " +
                            certificates.caFile() + "\n");
        CommandResult result = testNotify("email", gateway);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(result.out + result.err, 0, result.exitCode);
        CPPUNIT_ASSERT_MESSAGE(result.out, contains(result.out, "email: delivered: SMTP 250"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), smtp.messages().size());
    }

    void testUnconfiguredChannel()
    {
        TestGateway gateway;
        CommandResult result = testNotify("email", gateway);
        CPPUNIT_ASSERT_EQUAL(1, result.exitCode);
        CPPUNIT_ASSERT_MESSAGE(result.err, contains(result.err, "the email channel is not configured"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(TestNotifyTest);

} // namespace AlertGate::Test
