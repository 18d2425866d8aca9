#include "cli/CommandLine.h"

#include <cppunit/extensions/HelperMacros.h>

namespace AlertGate {

namespace {

using Options = std::vector<std::pair<std::string, std::string>>;

// parse(args) must throw UsageError mentioning text.
void expectUsageError(const std::vector<std::string>& args, const std::string& text)
{
    try
    {
        CommandLine::parse(args);
    }
    catch (const UsageError& e)
    {
        CPPUNIT_ASSERT_MESSAGE(std::string(e.what()) + " lacks " + text,
                               std::string(e.what()).find(text) != std::string::npos);
        return;
    }
    CPPUNIT_FAIL("accepted, expected an error about " + text);
}

} // namespace

class CommandLineTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(CommandLineTest);
    CPPUNIT_TEST(testHistoryWithOptions);
    CPPUNIT_TEST(testShortConfigOption);
    CPPUNIT_TEST(testCheckConfig);
    CPPUNIT_TEST(testNoSubcommandMeansDaemon);
    CPPUNIT_TEST(testDaemonRefusesOtherOptions);
    CPPUNIT_TEST(testHelpAndVersion);
    CPPUNIT_TEST(testUnknownCommand);
    CPPUNIT_TEST(testSecondCommandRefused);
    CPPUNIT_TEST(testOptionMissingValue);
    CPPUNIT_TEST(testHelpAfterCommandRefused);
    CPPUNIT_TEST_SUITE_END();

public:
    void testHistoryWithOptions()
    {
        auto line = CommandLine::parse({"history", "--since", "24h", "--label", "a=b", "--format=json",
                                        "--config", "f", "--label", "c=d=e"});
        CPPUNIT_ASSERT_EQUAL(std::string("history"), line.subcommand);
        CPPUNIT_ASSERT_EQUAL(std::string("f"), line.configFile);
        CPPUNIT_ASSERT(
            (Options{{"since", "24h"}, {"label", "a=b"}, {"format", "json"}, {"label", "c=d=e"}}) ==
            line.options);
    }

    void testShortConfigOption()
    {
        auto line = CommandLine::parse({"-c", "/etc/alertgate/alertgate.ini", "history"});
        CPPUNIT_ASSERT_EQUAL(std::string("/etc/alertgate/alertgate.ini"), line.configFile);
        CPPUNIT_ASSERT(line.options.empty());
        CPPUNIT_ASSERT_EQUAL(std::string("x.ini"),
                             CommandLine::parse({"history", "--config=x.ini"}).configFile);
    }

    void testCheckConfig()
    {
        auto line = CommandLine::parse({"check-config"});
        CPPUNIT_ASSERT_EQUAL(std::string("check-config"), line.subcommand);
        CPPUNIT_ASSERT_EQUAL(std::string(""), line.configFile);
    }

    void testNoSubcommandMeansDaemon()
    {
        CPPUNIT_ASSERT(CommandLine::parse({}).subcommand.empty());
        auto line = CommandLine::parse({"--config", "alertgate.ini"});
        CPPUNIT_ASSERT(line.subcommand.empty() && !line.help && !line.version);
        CPPUNIT_ASSERT_EQUAL(std::string("alertgate.ini"), line.configFile);
        CPPUNIT_ASSERT_EQUAL(std::string("a.ini"), CommandLine::parse({"-c", "a.ini"}).configFile);
    }

    void testDaemonRefusesOtherOptions()
    {
        expectUsageError({"--config", "a.ini", "--daemon=yes"}, "unknown option --daemon");
        expectUsageError({"--since", "1h"}, "unknown option --since");
    }

    void testHelpAndVersion()
    {
        CPPUNIT_ASSERT(CommandLine::parse({"--help"}).help);
        CPPUNIT_ASSERT(CommandLine::parse({"-h"}).help);
        CPPUNIT_ASSERT(CommandLine::parse({"-V"}).version);
        CPPUNIT_ASSERT(!CommandLine::parse({"--version"}).help);
        CPPUNIT_ASSERT(CommandLine::parse({"--config", "a.ini", "--version"}).version);
    }

    void testUnknownCommand()
    {
        expectUsageError({"histroy"}, "unknown command \"histroy\"");
        expectUsageError({"serve", "--config", "f"}, "\"serve\"");
    }

    void testSecondCommandRefused()
    {
        // Words after the command are its arguments; a command that takes none refuses them itself.
        auto line = CommandLine::parse({"history", "check-config"});
        CPPUNIT_ASSERT_EQUAL(std::string("history"), line.subcommand);
        CPPUNIT_ASSERT(line.arguments == std::vector<std::string>{"check-config"});
        auto notify = CommandLine::parse({"test-notify", "slack", "--config", "f.ini"});
        CPPUNIT_ASSERT(notify.arguments == std::vector<std::string>{"slack"});
        CPPUNIT_ASSERT_EQUAL(std::string("f.ini"), notify.configFile);
        expectUsageError({"notify", "slack"}, "\"notify\"");
    }

    void testOptionMissingValue()
    {
        expectUsageError({"history", "--since"}, "--since needs a value");
        expectUsageError({"history", "--label", "a=b", "--limit"}, "--limit needs a value");
        expectUsageError({"history", "-c"}, "--config needs a value");
    }

    void testHelpAfterCommandRefused() { expectUsageError({"history", "--help"}, "--help"); }
};

CPPUNIT_TEST_SUITE_REGISTRATION(CommandLineTest);

} // namespace AlertGate
