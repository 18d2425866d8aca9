#include "Contains.h"
#include "GatewayProcess.h"
#include "TempDir.h"

#include <cppunit/extensions/HelperMacros.h>

namespace AlertGate::Test {

class CliTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(CliTest);
    CPPUNIT_TEST(testVersionAndHelp);
    CPPUNIT_TEST(testTestNotifyRunsItsOwnCommand);
    CPPUNIT_TEST(testDaemonArgumentsParsedOnce);
    CPPUNIT_TEST_SUITE_END();

public:
    void testVersionAndHelp()
    {
        auto version = runAlertgate({"--version"});
        CPPUNIT_ASSERT_EQUAL(0, version.exitCode);
        CPPUNIT_ASSERT(version.out.find("alertgate ") == 0);
        // Which backend this line's build chose (CMakeLists.txt: libgpiod1 on bookworm, libgpiod2 on trixie).
        CPPUNIT_ASSERT_MESSAGE(version.out, version.out.find("GPIO libgpiod") != std::string::npos);
        auto help = runAlertgate({"--help"});
        CPPUNIT_ASSERT_EQUAL(0, help.exitCode);
        CPPUNIT_ASSERT(help.out.find("check-config") != std::string::npos);
        CPPUNIT_ASSERT(help.out.find("--since") != std::string::npos);
    }

    void testTestNotifyRunsItsOwnCommand()
    {
        // It once fell through to `history`, which refused "slack" as an unexpected argument.
        auto result = runAlertgate({"test-notify", "slack"});
        CPPUNIT_ASSERT_EQUAL(1, result.exitCode);
        CPPUNIT_ASSERT_MESSAGE(
            result.err, result.err.find("alertgate test-notify: the slack channel is not configured") == 0);
    }

    // One parser (cli/CommandLine) for the daemon too: the same forms, the same usage errors.
    void testDaemonArgumentsParsedOnce()
    {
        auto unknown = runAlertgate({"--daemon"});
        CPPUNIT_ASSERT_EQUAL(2, unknown.exitCode);
        CPPUNIT_ASSERT_MESSAGE(unknown.err, contains(unknown.err, "alertgate: unknown option --daemon"));
        auto missing = runAlertgate({"-c"});
        CPPUNIT_ASSERT_EQUAL(2, missing.exitCode);
        CPPUNIT_ASSERT_MESSAGE(missing.err,
                               contains(missing.err, "alertgate: option --config needs a value"));
        TempDir dir;
        std::string file = dir.write("alertgate.ini", "[http]\nlisten = nowhere\n", 0640);
        auto broken = runAlertgate({"--config=" + file});
        CPPUNIT_ASSERT_EQUAL(78, broken.exitCode);
        CPPUNIT_ASSERT_MESSAGE(broken.err, contains(broken.err, file + ": http.listen:"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(CliTest);

} // namespace AlertGate::Test
