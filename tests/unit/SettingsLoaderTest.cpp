#include "config/SettingsLoader.h"
#include "config/ConfigError.h"

#include "TempDir.h"

#include <Poco/Path.h>

#include <cppunit/extensions/HelperMacros.h>

#include <algorithm>

namespace AlertGate {

namespace {

// Loads content as an INI file that must be refused; returns the problems reported.
std::vector<std::string> problemsOf(const Test::TempDir& dir, const std::string& content)
{
    std::string ini = dir.write("alertgate.ini", content, 0644);
    try
    {
        SettingsLoader::load(ini);
    }
    catch (const ConfigError& e)
    {
        CPPUNIT_ASSERT(!e.problems().empty());
        return e.problems();
    }
    CPPUNIT_FAIL("accepted:\n" + content);
    return {};
}

// content must be refused with exactly one problem, "FILE: key: REASON" where REASON contains reason.
void expectProblem(const std::string& content, const std::string& key, const std::string& reason)
{
    Test::TempDir dir;
    auto problems = problemsOf(dir, content);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(content, std::size_t(1), problems.size());
    std::string prefix = dir.file("alertgate.ini") + ": " + key + ": ";
    CPPUNIT_ASSERT_MESSAGE(problems[0], problems[0].rfind(prefix, 0) == 0);
    CPPUNIT_ASSERT_MESSAGE(problems[0] + " lacks " + reason,
                           problems[0].find(reason, prefix.size()) != std::string::npos);
}

} // namespace

class SettingsLoaderTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(SettingsLoaderTest);
    CPPUNIT_TEST(testDefaults);
    CPPUNIT_TEST(testFullValidFile);
    CPPUNIT_TEST(testIpv6Listen);
    CPPUNIT_TEST(testEmptyFileGivesDefaults);
    CPPUNIT_TEST(testUnknownKey);
    CPPUNIT_TEST(testUnknownSection);
    CPPUNIT_TEST(testLeadingDotRefused);
    CPPUNIT_TEST(testBadListen);
    CPPUNIT_TEST(testPortOutOfRange);
    CPPUNIT_TEST(testBadDuration);
    CPPUNIT_TEST(testDurationOutOfRange);
    CPPUNIT_TEST(testBadSize);
    CPPUNIT_TEST(testBadInteger);
    CPPUNIT_TEST(testBadLogLevel);
    CPPUNIT_TEST(testEmptySecret);
    CPPUNIT_TEST(testTokenAndTokenFile);
    CPPUNIT_TEST(testUsernameWithoutPassword);
    CPPUNIT_TEST(testPasswordWithoutUsername);
    CPPUNIT_TEST(testSecretFileMissing);
    CPPUNIT_TEST(testSecretFileWorldReadable);
    CPPUNIT_TEST(testSecretFilesRead);
    CPPUNIT_TEST(testRelativeStorePathResolvedAgainstIni);
    CPPUNIT_TEST(testAbsoluteStorePathKept);
    CPPUNIT_TEST(testEveryPathKeyResolvedAgainstIni);
    CPPUNIT_TEST(testSeveralProblemsAtOnce);
    CPPUNIT_TEST(testMissingIniFile);
    CPPUNIT_TEST(testSignalKeys);
    CPPUNIT_TEST(testSlackAppMode);
    CPPUNIT_TEST(testBadLampSpec);
    CPPUNIT_TEST(testBadSignalValues);
    CPPUNIT_TEST_SUITE_END();

public:
    void testDefaults()
    {
        Settings s = SettingsLoader::defaults();
        CPPUNIT_ASSERT_EQUAL(std::string(""), s.sourceFile);
        CPPUNIT_ASSERT_EQUAL(std::string("127.0.0.1"), s.http.host);
        CPPUNIT_ASSERT_EQUAL(std::uint16_t(9098), s.http.port);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(8388608), s.http.maxBodyBytes);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(16777216), s.http.maxBodyMemory);
        CPPUNIT_ASSERT_EQUAL(16, s.http.maxConnections);
        CPPUNIT_ASSERT_EQUAL(1024, s.http.maxIdleConnections);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(10000), s.http.requestTimeoutMs);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(15000), s.http.keepAliveTimeoutMs);
        CPPUNIT_ASSERT(!s.webhook.authenticationConfigured());
        CPPUNIT_ASSERT_EQUAL(std::string("alertgate.db"), s.store.path);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(5000), s.store.busyTimeoutMs);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(10000), s.store.commitTimeoutMs);
        CPPUNIT_ASSERT_EQUAL(std::string("information"), s.log.level);
    }

    void testFullValidFile()
    {
        Test::TempDir dir;
        std::string ini = dir.write("alertgate.ini", "; alertgate\n"
                                                     "[http]\n"
                                                     "listen = 0.0.0.0:19098\n"
                                                     "max_body_size = 256KiB\n"
                                                     "max_body_memory = 64MiB\n"
                                                     "max_connections = 32\n"
                                                     "max_idle_connections = 100\n"
                                                     "request_timeout = 5s\n"
                                                     "keepalive_timeout = 1m\n"
                                                     "[webhook]\n"
                                                     "bearer_token = s3cret\n"
                                                     "basic_username = alertmanager\n"
                                                     "basic_password = hunter2\n"
                                                     "[store]\n"
                                                     "path = /var/lib/alertgate/history.db\n"
                                                     "busy_timeout = 2s\n"
                                                     "commit_timeout = 1m30s\n"
                                                     "[log]\n"
                                                     "level = debug\n");
        Settings s = SettingsLoader::load(ini);
        CPPUNIT_ASSERT_EQUAL(ini, s.sourceFile);
        CPPUNIT_ASSERT_EQUAL(std::string("0.0.0.0"), s.http.host);
        CPPUNIT_ASSERT_EQUAL(std::uint16_t(19098), s.http.port);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(262144), s.http.maxBodyBytes);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(64 << 20), s.http.maxBodyMemory);
        CPPUNIT_ASSERT_EQUAL(32, s.http.maxConnections);
        CPPUNIT_ASSERT_EQUAL(100, s.http.maxIdleConnections);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(5000), s.http.requestTimeoutMs);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(60000), s.http.keepAliveTimeoutMs);
        CPPUNIT_ASSERT_EQUAL(std::string("s3cret"), s.webhook.bearerToken);
        CPPUNIT_ASSERT_EQUAL(std::string("alertmanager"), s.webhook.basicUsername);
        CPPUNIT_ASSERT_EQUAL(std::string("hunter2"), s.webhook.basicPassword);
        CPPUNIT_ASSERT_EQUAL(std::string("/var/lib/alertgate/history.db"), s.store.path);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(2000), s.store.busyTimeoutMs);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(90000), s.store.commitTimeoutMs);
        CPPUNIT_ASSERT_EQUAL(std::string("debug"), s.log.level);
    }

    void testIpv6Listen()
    {
        Test::TempDir dir;
        Settings s = SettingsLoader::load(dir.write("a.ini", "[http]\nlisten = [::1]:0\n"));
        CPPUNIT_ASSERT_EQUAL(std::string("::1"), s.http.host);
        CPPUNIT_ASSERT_EQUAL(std::uint16_t(0), s.http.port);
    }

    void testEmptyFileGivesDefaults()
    {
        Test::TempDir dir;
        Settings s = SettingsLoader::load(dir.write("a.ini", "; nothing set\n"));
        CPPUNIT_ASSERT_EQUAL(std::uint16_t(9098), s.http.port);
        CPPUNIT_ASSERT_EQUAL(std::string("information"), s.log.level);
        CPPUNIT_ASSERT(!s.webhook.authenticationConfigured());
    }

    void testUnknownKey()
    {
        expectProblem("[http]\nlisten_port = 9098\n", "http.listen_port", "unknown key");
    }

    void testUnknownSection() { expectProblem("[alerts]\nkeep = 30d\n", "alerts.keep", "unknown key"); }

    // Found by tests/fuzz/SettingsLoaderFuzz: a name starting with '.' made key collection recurse
    // until the stack overflowed (tests/fuzz/regressions/settings/leading-dot-key-recursion.ini).
    void testLeadingDotRefused()
    {
        const std::string reason = "a key or [section] name must not start with '.'";
        expectProblem(".level = debug\n", ".", reason);
        expectProblem("[.]\nlevel = debug\n", ".", reason);
        expectProblem("[.log]\nlevel = debug\n", ".", reason);
        expectProblem("[log]\nlevel = debug\n[.x]\ny = 1\n", ".", reason);
        expectProblem("[log]\n.level = debug\n", "log..level", "unknown key");
    }

    void testBadListen()
    {
        expectProblem("[http]\nlisten = localhost:9098\n", "http.listen",
                      "\"localhost\" is not an IP address");
        expectProblem("[http]\nlisten = 9098\n", "http.listen", "ADDRESS:PORT");
        expectProblem("[http]\nlisten = 127.0.0.1:http\n", "http.listen", "expected an integer");
    }

    void testPortOutOfRange()
    {
        expectProblem("[http]\nlisten = 127.0.0.1:70000\n", "http.listen", "out of range (min 0, max 65535)");
    }

    void testBadDuration()
    {
        expectProblem("[http]\nrequest_timeout = 10\n", "http.request_timeout", "expected a duration");
        expectProblem("[store]\nbusy_timeout = soon\n", "store.busy_timeout", "expected a duration");
    }

    void testDurationOutOfRange()
    {
        expectProblem("[http]\nrequest_timeout = 10ms\n", "http.request_timeout", "out of range");
        expectProblem("[store]\ncommit_timeout = 1h\n", "store.commit_timeout", "out of range");
    }

    void testBadSize()
    {
        expectProblem("[http]\nmax_body_size = lots\n", "http.max_body_size", "expected a size");
        expectProblem("[http]\nmax_body_size = 1GiB\n", "http.max_body_size", "out of range");
        expectProblem("[http]\nmax_body_memory = 64KiB\n", "http.max_body_memory", "out of range");
    }

    void testBadInteger()
    {
        expectProblem("[http]\nmax_connections = many\n", "http.max_connections", "expected an integer");
        expectProblem("[http]\nmax_connections = 0\n", "http.max_connections", "out of range");
        expectProblem("[http]\nmax_idle_connections = 0\n", "http.max_idle_connections", "out of range");
    }

    void testBadLogLevel() { expectProblem("[log]\nlevel = verbose\n", "log.level", "expected one of"); }

    void testEmptySecret()
    {
        expectProblem("[webhook]\nbearer_token =\n", "webhook.bearer_token", "must not be empty");
    }

    void testTokenAndTokenFile()
    {
        Test::TempDir dir;
        dir.write("token", "s3cret\n", 0600);
        auto problems = problemsOf(dir, "[webhook]\nbearer_token = s3cret\nbearer_token_file = token\n");
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), problems.size());
        CPPUNIT_ASSERT_EQUAL(dir.file("alertgate.ini") +
                                 ": webhook.bearer_token_file: set either "
                                 "webhook.bearer_token or webhook.bearer_token_file, not both",
                             problems[0]);
    }

    void testUsernameWithoutPassword()
    {
        expectProblem("[webhook]\nbasic_username = alertmanager\n", "webhook.basic_username",
                      "needs both a user name and a password");
    }

    void testPasswordWithoutUsername()
    {
        expectProblem("[webhook]\nbasic_password = hunter2\n", "webhook.basic_username",
                      "needs both a user name and a password");
    }

    void testSecretFileMissing()
    {
        Test::TempDir dir;
        auto problems = problemsOf(dir, "[webhook]\nbearer_token_file = missing-token\n");
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), problems.size());
        std::string prefix = dir.file("alertgate.ini") + ": webhook.bearer_token_file: ";
        CPPUNIT_ASSERT_MESSAGE(problems[0], problems[0].rfind(prefix, 0) == 0);
        CPPUNIT_ASSERT_MESSAGE(problems[0], problems[0].find(dir.file("missing-token")) != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(problems[0], problems[0].find("No such file") != std::string::npos);
    }

    void testSecretFileWorldReadable()
    {
        Test::TempDir dir;
        dir.write("password", "hunter2\n", 0644);
        auto problems =
            problemsOf(dir, "[webhook]\nbasic_username = alertmanager\nbasic_password_file = password\n");
        std::string prefix = dir.file("alertgate.ini") + ": webhook.basic_password_file: ";
        CPPUNIT_ASSERT_MESSAGE(problems[0], problems[0].rfind(prefix, 0) == 0);
        CPPUNIT_ASSERT_MESSAGE(problems[0], problems[0].find("0644") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(problems[0], problems[0].find("chmod") != std::string::npos);
    }

    void testSecretFilesRead()
    {
        Test::TempDir dir;
        dir.write("token", "s3cret\n", 0600);
        dir.write("password", "hunter2\r\n", 0600);
        std::string ini = dir.write("alertgate.ini", "[webhook]\n"
                                                     "bearer_token_file = token\n"
                                                     "basic_username = alertmanager\n"
                                                     "basic_password_file = " +
                                                         dir.file("password") + "\n");
        Settings s = SettingsLoader::load(ini);
        CPPUNIT_ASSERT_EQUAL(std::string("s3cret"), s.webhook.bearerToken);
        CPPUNIT_ASSERT_EQUAL(std::string("hunter2"), s.webhook.basicPassword);
        CPPUNIT_ASSERT(s.webhook.authenticationConfigured());
    }

    void testRelativeStorePathResolvedAgainstIni()
    {
        Test::TempDir dir;
        std::string ini = dir.write("alertgate.ini", "[store]\npath = data/history.db\n");
        CPPUNIT_ASSERT_EQUAL(dir.file("data/history.db"), SettingsLoader::load(ini).store.path);
        std::string bare = dir.write("bare.ini", "[log]\nlevel = error\n");
        CPPUNIT_ASSERT_EQUAL(dir.file("alertgate.db"), SettingsLoader::load(bare).store.path);
    }

    // Every file named in the configuration is found the same way, whatever the working directory.
    void testEveryPathKeyResolvedAgainstIni()
    {
        Test::TempDir dir;
        std::string ini = dir.write("alertgate.ini", "[slack]\nwebhook_url = https://hooks.example.org/x\n"
                                                     "ca_file = slack-ca.pem\n"
                                                     "title_template = t/title.mustache\n"
                                                     "alert_template = ../alert.mustache\n"
                                                     "[email]\nsmtp_host = smtp.example.org\n"
                                                     "from = a@example.org\nto = b@example.org\n"
                                                     "ca_file = /etc/ssl/smtp.pem\n"
                                                     "subject_template = subject.mustache\n"
                                                     "text_template = t/text.mustache\n"
                                                     "html_template = t/html.mustache\n");
        Settings s = SettingsLoader::load(ini);
        CPPUNIT_ASSERT_EQUAL(dir.file("slack-ca.pem"), s.slack.caFile);
        CPPUNIT_ASSERT_EQUAL(dir.file("t/title.mustache"), s.slack.titleTemplate);
        CPPUNIT_ASSERT_EQUAL(Poco::Path(dir.path()).parent().toString() + "alert.mustache",
                             s.slack.alertTemplate);
        CPPUNIT_ASSERT_EQUAL(std::string("/etc/ssl/smtp.pem"), s.email.caFile);
        CPPUNIT_ASSERT_EQUAL(dir.file("subject.mustache"), s.email.subjectTemplate);
        CPPUNIT_ASSERT_EQUAL(dir.file("t/text.mustache"), s.email.textTemplate);
        CPPUNIT_ASSERT_EQUAL(dir.file("t/html.mustache"), s.email.htmlTemplate);
    }

    void testAbsoluteStorePathKept()
    {
        Test::TempDir dir;
        std::string ini = dir.write("alertgate.ini", "[store]\npath = /srv/alertgate/history.db\n");
        CPPUNIT_ASSERT_EQUAL(std::string("/srv/alertgate/history.db"), SettingsLoader::load(ini).store.path);
    }

    void testSeveralProblemsAtOnce()
    {
        Test::TempDir dir;
        std::string file = dir.file("alertgate.ini");
        try
        {
            SettingsLoader::load(dir.write("alertgate.ini", "[http]\nlisten = nowhere\nmax_connections = -1\n"
                                                            "[log]\nlevel = loud\n[extra]\nkey = 1\n"));
            CPPUNIT_FAIL("accepted");
        }
        catch (const ConfigError& e)
        {
            auto problems = e.problems();
            CPPUNIT_ASSERT_EQUAL(std::size_t(4), problems.size());
            for (const char* key : {"http.listen", "http.max_connections", "log.level", "extra.key"})
                CPPUNIT_ASSERT_MESSAGE(
                    key, std::any_of(problems.begin(), problems.end(), [&](const std::string& p) {
                        return p.rfind(file + ": " + key + ": ", 0) == 0;
                    }));
            CPPUNIT_ASSERT_EQUAL(
                std::size_t(3),
                std::size_t(std::count(e.what(), e.what() + std::string(e.what()).size(), '\n')));
        }
    }

    void testSignalKeys()
    {
        Test::TempDir dir;
        Settings s = SettingsLoader::load(
            dir.write("a.ini", "[tower]\nprotocol = pns\nmodel = la6\nhost = 192.0.2.7\ntimeout = 2s\n"
                               "reassert_interval = 30s\n[lamp]\ninfo = blue:on\n"
                               "critical = red:flash, buzzer:2\nsound = critical:alarm\n"
                               "[heartbeat]\ntimeout = 5m\nrequire_at_start = true\n"
                               "blind_sound = siren\n[alerts]\nstale_after = 12h\n"
                               "[buzzer]\npattern.alarm = 1s/0s\npattern.siren = 100ms/100ms\n"));
        CPPUNIT_ASSERT_EQUAL(std::string("pns"), s.tower.protocol);
        CPPUNIT_ASSERT_EQUAL(std::string("la6"), s.tower.model);
        CPPUNIT_ASSERT_EQUAL(std::uint16_t(10000), s.tower.effectivePort());
        CPPUNIT_ASSERT_EQUAL(std::int64_t(2000), s.tower.timeoutMs);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(30000), s.tower.reassertMs);
        CPPUNIT_ASSERT_EQUAL(std::string("blue:on"), s.lamp.severities.at("info"));
        CPPUNIT_ASSERT_EQUAL(std::string("red:flash, buzzer:2"), s.lamp.severities.at("critical"));
        CPPUNIT_ASSERT_EQUAL(std::string("yellow:on"), s.lamp.severities.at("warning"));
        CPPUNIT_ASSERT_EQUAL(std::string("alarm"), s.lamp.sound.at("critical"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(300000), s.heartbeat.timeoutMs);
        CPPUNIT_ASSERT(s.heartbeat.requireAtStart);
        CPPUNIT_ASSERT_EQUAL(std::string("siren"), s.heartbeat.blindSound);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(12 * 3600000LL), s.alerts.staleAfterMs);
        CPPUNIT_ASSERT((std::vector<std::string>{"alertname", "instance"}) == s.lamp.groupBy);
        CPPUNIT_ASSERT(SettingsLoader::load(dir.write("b.ini", "[lamp]\ngroup_by =\n")).lamp.groupBy.empty());
        CPPUNIT_ASSERT(
            (std::vector<std::string>{"job", "instance"}) ==
            SettingsLoader::load(dir.write("c.ini", "[lamp]\ngroup_by = job , instance\n")).lamp.groupBy);
        CPPUNIT_ASSERT(!SettingsLoader::defaults().tower.enabled());
        CPPUNIT_ASSERT_EQUAL(std::uint16_t(80), SettingsLoader::defaults().tower.effectivePort());
    }

    void testSlackAppMode()
    {
        Test::TempDir dir;
        Settings s = SettingsLoader::load(
            dir.write("a.ini", "[slack]\nbot_token = xoxb-1\nchannel = #alerts\nthread_replies = true\n"));
        CPPUNIT_ASSERT(s.slack.appMode() && s.slack.enabled());
        CPPUNIT_ASSERT_EQUAL(std::string("#alerts"), s.slack.channel);
        CPPUNIT_ASSERT(s.slack.threadReplies);
        CPPUNIT_ASSERT_EQUAL(std::string("https://slack.com/api"), s.slack.apiUrl);
        CPPUNIT_ASSERT_EQUAL(std::string("https://127.0.0.1:1/api"),
                             SettingsLoader::load(dir.write("b.ini", "[slack]\nbot_token = x\nchannel = C1\n"
                                                                     "api_url = https://127.0.0.1:1/api/\n"))
                                 .slack.apiUrl);
        expectProblem("[slack]\nbot_token = xoxb-1\n", "slack.channel", "needs the channel");
        expectProblem("[slack]\nchannel = #alerts\n", "slack.channel", "set bot_token");
        expectProblem(
            "[slack]\nbot_token = x\nchannel = #a\nwebhook_url = https://hooks.slack.com/services/x\n",
            "slack.bot_token", "not both");
        expectProblem("[slack]\nbot_token = x\nchannel = #a\napi_url = http://slack.com/api\n",
                      "slack.api_url", "https://");
    }

    void testBadLampSpec()
    {
        expectProblem("[lamp]\ncritical = purple:on\n", "lamp.critical", "unknown lamp");
        expectProblem("[lamp]\nwarning = red:blink\n", "lamp.warning", "unknown lamp mode");
        expectProblem("[lamp]\nalert = buzzer:7\n", "lamp.alert", "invalid value for buzzer");
        expectProblem("[lamp]\nsound = critical\n", "lamp.sound", "SEVERITY:PATTERN");
        expectProblem("[lamp]\ngroup_by = alertname, 1x\n", "lamp.group_by", "is not a label name");
        expectProblem("[lamp]\ngroup_by = a-b\n", "lamp.group_by", "is not a label name");
        expectProblem("[heartbeat]\nblind_lamps = red\n", "heartbeat.blind_lamps", "LAMP:MODE");
        expectProblem("[lamp]\nsound = critical:alarm\n", "lamp.sound", "no buzzer pattern \"alarm\"");
        expectProblem("[heartbeat]\nblind_sound = siren\n", "heartbeat.blind_sound",
                      "no buzzer pattern \"siren\"");
    }

    void testBadSignalValues()
    {
        expectProblem("[tower]\nhost = t\nprotocol = phn\n", "tower.protocol", "expected one of http, pns");
        expectProblem("[tower]\nhost = t\nprotocol = pns\nmodel = la5\n", "tower.model",
                      "expected one of nh, la6");
        expectProblem("[tower]\nmodel = la6\n", "tower.host", "missing");
        expectProblem("[tower]\nport = 10000\n", "tower.host", "missing");
        expectProblem("[tower]\nhost = t\ntimeout = 10ms\n", "tower.timeout", "out of range");
        expectProblem("[alerts]\nstale_after = soon\n", "alerts.stale_after", "expected a duration");
    }

    void testMissingIniFile()
    {
        Test::TempDir dir;
        std::string missing = dir.file("nope.ini");
        try
        {
            SettingsLoader::load(missing);
            CPPUNIT_FAIL("accepted");
        }
        catch (const ConfigError& e)
        {
            CPPUNIT_ASSERT_EQUAL(std::size_t(1), e.problems().size());
            CPPUNIT_ASSERT_EQUAL(missing + ": cannot open the file", e.problems()[0]);
        }
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SettingsLoaderTest);

} // namespace AlertGate
