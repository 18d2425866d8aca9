#include "GatewayProcess.h"

#include <cppunit/extensions/HelperMacros.h>

namespace AlertGate::Test {

class CliTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(CliTest);
    CPPUNIT_TEST(testVersionAndHelp);
    CPPUNIT_TEST(testTestNotifyRunsItsOwnCommand);
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
};

CPPUNIT_TEST_SUITE_REGISTRATION(CliTest);

} // namespace AlertGate::Test
