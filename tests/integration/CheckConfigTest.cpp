#include "Contains.h"
#include "GatewayProcess.h"
#include "TempDir.h"
#include "TestCertificates.h"

#include <Poco/File.h>

#include <cppunit/extensions/HelperMacros.h>

#include <vector>

namespace AlertGate::Test {

namespace {

struct BrokenConfig
{
    std::string ini;
    std::vector<std::string> expected; /// "KEY: REASON" parts, each reported after the file name.
};

std::vector<BrokenConfig> brokenConfigs()
{
    return {
        {"[http]\nlisten = localhost\n", {"http.listen: expected ADDRESS:PORT"}},
        {"[http]\nlisten = 127.0.0.1:70000\n", {"http.listen: out of range (min 0, max 65535)"}},
        {"[http]\nmax_body_size = lots\n", {"http.max_body_size: expected a size"}},
        {"[http]\nrequest_timeout = 10\n", {"http.request_timeout: expected a duration"}},
        {"[http]\nmax_connection = 4\n", {"http.max_connection: unknown key"}},
        {"[htp]\nlisten = 127.0.0.1:1\n", {"htp.listen: unknown key"}},
        {"[log]\nlevel = verbose\n", {"log.level: expected one of"}},
        {"[webhook]\nbasic_username = am\n", {"webhook.basic_username: basic authentication needs both"}},
        {"[webhook]\nbearer_token_file = /nonexistent/token\n",
         {"webhook.bearer_token_file: cannot read /nonexistent/token"}},
        {"[webhook]\nbearer_token = a\nbearer_token_file = x\n", {"webhook.bearer_token_file:"}},
        {"[http]\nmax_connections = 0\nkeepalive_timeout = forever\n[store]\npath =\n",
         {"http.max_connections: out of range", "http.keepalive_timeout: expected a duration",
          "store.path: must not be empty"}},
    };
}

} // namespace

class CheckConfigTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(CheckConfigTest);
    CPPUNIT_TEST(testShippedExampleIsValid);
    CPPUNIT_TEST(testEachProblemNamesFileKeyAndReason);
    CPPUNIT_TEST(testWorldReadableSecretIsRefused);
    CPPUNIT_TEST(testDaemonRefusesToStartOnBrokenConfig);
    CPPUNIT_TEST(testRelativePathsAreTakenFromTheConfigDirectory);
    CPPUNIT_TEST_SUITE_END();

public:
    void testShippedExampleIsValid()
    {
        CommandResult result = runAlertgate(
            {"check-config", "--config", std::string(ALERTGATE_SOURCE_DIR) + "/conf/alertgate.ini"});
        CPPUNIT_ASSERT_EQUAL_MESSAGE(result.err, 0, result.exitCode);
        CPPUNIT_ASSERT(result.out.find(": OK") != std::string::npos);
    }

    void testEachProblemNamesFileKeyAndReason()
    {
        TempDir dir;
        for (const auto& broken : brokenConfigs())
        {
            std::string file = dir.write("broken.ini", broken.ini, 0640);
            CommandResult result = runAlertgate({"check-config", "--config", file});
            CPPUNIT_ASSERT_MESSAGE(broken.ini, result.exitCode != 0);
            for (const auto& part : broken.expected)
                CPPUNIT_ASSERT_MESSAGE("expected \"" + file + ": " + part + "\" in:\n" + result.err,
                                       result.err.find(file + ": " + part) != std::string::npos);
        }
    }

    void testWorldReadableSecretIsRefused()
    {
        TempDir dir;
        std::string secret = dir.write("token", "s3cret\n", 0644);
        std::string file = dir.write("alertgate.ini", "[webhook]\nbearer_token_file = token\n", 0640);
        CommandResult result = runAlertgate({"check-config", "--config", file});
        CPPUNIT_ASSERT(result.exitCode != 0);
        CPPUNIT_ASSERT_MESSAGE(result.err,
                               result.err.find(file + ": webhook.bearer_token_file: " + secret +
                                               " is accessible by others (mode 0644)") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE("the secret leaked into the message",
                               result.err.find("s3cret") == std::string::npos);
    }

    void testDaemonRefusesToStartOnBrokenConfig()
    {
        TempDir dir;
        std::string file = dir.write("alertgate.ini", "[http]\nlisten = nowhere\n", 0640);
        CommandResult result = runAlertgate({"--config", file});
        CPPUNIT_ASSERT(result.exitCode != 0);
        CPPUNIT_ASSERT_MESSAGE(result.err, result.err.find(file + ": http.listen:") != std::string::npos);
        CPPUNIT_ASSERT(!Poco::File(dir.file("alertgate.db")).exists());
    }

    // Run from another directory, as the unit (which has none) or an operator in their home would.
    void testRelativePathsAreTakenFromTheConfigDirectory()
    {
        TestCertificates certificates;
        TempDir dir, elsewhere;
        Poco::File(dir.file("tls")).createDirectory();
        Poco::File(dir.file("templates")).createDirectory();
        Poco::File(certificates.caFile()).copyTo(dir.file("tls/ca.pem"));
        dir.write("templates/title.mustache", "{{status}}", 0640);
        dir.write("templates/text.mustache", "{{status}}", 0640);
        std::string channels =
            "[slack]\nwebhook_url = https://hooks.example.org/x\nca_file = tls/ca.pem\n"
            "title_template = templates/title.mustache\n"
            "[email]\nsmtp_host = smtp.example.org\nfrom = a@example.org\n"
            "to = b@example.org\nca_file = tls/ca.pem\ntext_template = templates/text.mustache\n";
        std::string file = dir.write("alertgate.ini", channels, 0640);
        CommandResult result = runAlertgate({"check-config", "--config", file}, elsewhere.path());
        CPPUNIT_ASSERT_EQUAL_MESSAGE(result.err, 0, result.exitCode);
        CPPUNIT_ASSERT_MESSAGE(result.out, contains(result.out, ": OK; channels: slack, email"));

        file = dir.write("alertgate.ini", channels + "[slack]\nalert_template = templates/missing.mustache\n",
                         0640);
        result = runAlertgate({"check-config", "--config", file}, elsewhere.path());
        CPPUNIT_ASSERT_EQUAL(1, result.exitCode);
        CPPUNIT_ASSERT_MESSAGE(result.err,
                               contains(result.err, file + ": slack.alert_template: cannot read template " +
                                                        dir.file("templates/missing.mustache")));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(CheckConfigTest);

} // namespace AlertGate::Test
