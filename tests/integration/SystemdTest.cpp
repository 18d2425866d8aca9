#include "Contains.h"
#include "Eventually.h"
#include "FakeSlackServer.h"
#include "NotifySocket.h"
#include "Payloads.h"
#include "TestCertificates.h"
#include "TestGateway.h"

#include <Poco/File.h>
#include <Poco/Path.h>

#include <cppunit/extensions/HelperMacros.h>

#include <fstream>
#include <sstream>

#include <csignal>

namespace AlertGate::Test {

namespace {

std::size_t occurrences(const std::string& text, const std::string& part)
{
    std::size_t count = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size()))
        ++count;
    return count;
}

std::map<std::string, std::string> bearer(const std::string& token)
{
    return {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + token}};
}

// A [slack] section whose CA file and title template are named relative to the config file.
std::string relativeSlackSection(const std::string& url)
{
    return "[delivery]\nretry_initial = 100ms\n[slack]\nwebhook_url = " + url +
           "\nca_file = ca.pem\ntitle_template = title.mustache\ntimeout = 5s\n";
}

// The lines of log that warn about a key needing a restart.
std::vector<std::string> restartWarnings(const std::string& log)
{
    std::vector<std::string> lines;
    std::istringstream in(log);
    for (std::string line; std::getline(in, line);)
        if (contains(line, "takes effect after a restart"))
            lines.push_back(line);
    return lines;
}

} // namespace

class SystemdTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(SystemdTest);
    CPPUNIT_TEST(testReadyAndWatchdogNotifications);
    CPPUNIT_TEST(testSighupAppliesGoodConfigAndKeepsOldOnBadOne);
    CPPUNIT_TEST(testSighupAppliesNewSlackUrlAndTemplate);
    CPPUNIT_TEST_SUITE_END();

public:
    void testReadyAndWatchdogNotifications()
    {
        TempDir dir;
        NotifySocket systemd(dir.file("notify"));
        TestGateway gateway;
        gateway.start({{"NOTIFY_SOCKET", systemd.path()}, {"WATCHDOG_USEC", "200000"}});
        CPPUNIT_ASSERT_MESSAGE(gateway.process().log(), systemd.waitFor("READY=1", 10000));
        CPPUNIT_ASSERT_MESSAGE(gateway.process().log(), systemd.waitFor("WATCHDOG=1", 10000));
        gateway.process().sendSignal(SIGHUP);
        CPPUNIT_ASSERT(systemd.waitFor("RELOADING=1", 10000));
        CPPUNIT_ASSERT_EQUAL(0, gateway.process().terminate());
        CPPUNIT_ASSERT(systemd.waitFor("STOPPING=1", 10000));
    }

    void testSighupAppliesGoodConfigAndKeepsOldOnBadOne()
    {
        TestGateway gateway;
        gateway.start();
        std::string body = webhookBody({diskAlert("00000000000000f1", "pi:9100", "critical")});

        gateway.rewriteConfig(gateway.webhookSection("n3w"));
        gateway.process().sendSignal(SIGHUP);
        CPPUNIT_ASSERT(gateway.process().waitForLog("configuration reloaded", 10000));
        CPPUNIT_ASSERT_EQUAL(200, gateway.post(body, bearer("n3w")).status);
        CPPUNIT_ASSERT_EQUAL(401, gateway.post(body, bearer("s3cret")).status);

        gateway.rewriteConfig(gateway.webhookSection("n3w2") +
                              "[http]\nlisten = 127.0.0.1:1\nmax_body_size = huge\n");
        gateway.process().sendSignal(SIGHUP);
        CPPUNIT_ASSERT(gateway.process().waitForLog("http.max_body_size: expected a size", 10000));
        CPPUNIT_ASSERT(gateway.process().log().find("reload refused, keeping the running configuration") !=
                       std::string::npos);
        CPPUNIT_ASSERT_EQUAL(200, gateway.post(body, bearer("n3w")).status);
        CPPUNIT_ASSERT_EQUAL(401, gateway.post(body, bearer("n3w2")).status);

        gateway.rewriteConfig(gateway.webhookSection("n3w3") + "[http]\nlisten = 127.0.0.1:1\n");
        gateway.process().sendSignal(SIGHUP);
        CPPUNIT_ASSERT(gateway.process().waitForLog("http.listen changed", 10000));
        // The warning comes before the reload is applied: wait for the second "reloaded".
        CPPUNIT_ASSERT(eventually(
            [&] { return occurrences(gateway.process().log(), "configuration reloaded") == 2; }, 10000));
        CPPUNIT_ASSERT_EQUAL(200, gateway.post(body, bearer("n3w3")).status);
    }

    // The daemon runs in the test's working directory, not the config file's: the relative CA file
    // and template are found only when taken from the config file's directory.
    void testSighupAppliesNewSlackUrlAndTemplate()
    {
        TestCertificates certificates;
        FakeSlackServer first("[]", &certificates), second("[]", &certificates);
        TestGateway gateway;
        std::string dir = Poco::Path(gateway.configFile()).parent().toString();
        CPPUNIT_ASSERT(Poco::Path::current() != dir);
        Poco::File(certificates.caFile()).copyTo(dir + "ca.pem");
        std::ofstream(dir + "title.mustache") << "FIRST-TITLE";
        gateway.rewriteConfig(gateway.webhookSection("s3cret") + relativeSlackSection(first.url("/one")));
        gateway.start();
        gateway.post(webhookBody({diskAlert("00000000000000a1", "pi:9100", "critical")}));
        CPPUNIT_ASSERT_MESSAGE(gateway.process().log(), first.waitForRequests(1, 20000));
        CPPUNIT_ASSERT(contains(first.requests()[0].body, "FIRST-TITLE"));

        std::ofstream(dir + "title.mustache") << "SECOND-TITLE";
        gateway.rewriteConfig(gateway.webhookSection("s3cret") + relativeSlackSection(second.url("/two")) +
                              "[http]\nmax_connections = 8\n[store]\nbusy_timeout = 4s\n");
        gateway.process().sendSignal(SIGHUP);
        // The warnings come before this line, whole.
        CPPUNIT_ASSERT_MESSAGE(gateway.process().log(),
                               gateway.process().waitForLog("reloaded from " + gateway.configFile() +
                                                                "; applied: slack.webhook_url\n",
                                                            10000));
        std::string log = gateway.process().log();
        auto warnings = restartWarnings(log);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(log, std::size_t(2), warnings.size());
        CPPUNIT_ASSERT_MESSAGE(log, contains(warnings[0], "http.max_connections changed in"));
        CPPUNIT_ASSERT_MESSAGE(log, contains(warnings[1], "store.busy_timeout changed in"));

        gateway.post(webhookBody({diskAlert("00000000000000a2", "pi:9100", "critical")}));
        CPPUNIT_ASSERT_MESSAGE(gateway.process().log(), second.waitForRequests(1, 20000));
        CPPUNIT_ASSERT(contains(second.requests()[0].body, "SECOND-TITLE"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), first.requests().size());
        CPPUNIT_ASSERT(contains(second.requests()[0].path, "/two"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SystemdTest);

} // namespace AlertGate::Test
