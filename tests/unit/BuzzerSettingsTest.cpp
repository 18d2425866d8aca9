#include "config/ConfigError.h"
#include "config/ConfigKeys.h"
#include "config/SettingsLoader.h"

#include "TempDir.h"

#include <cppunit/extensions/HelperMacros.h>

namespace AlertGate {

namespace {

Settings loaded(const Test::TempDir& dir, const std::string& content)
{
    return SettingsLoader::load(dir.write("alertgate.ini", content, 0644));
}

// content must be refused with exactly one problem about key whose reason contains reason.
void expectProblem(const std::string& content, const std::string& key, const std::string& reason)
{
    Test::TempDir dir;
    try
    {
        loaded(dir, content);
    }
    catch (const ConfigError& e)
    {
        CPPUNIT_ASSERT_EQUAL_MESSAGE(content, std::size_t(1), e.problems().size());
        const std::string& problem = e.problems()[0];
        std::string prefix = dir.file("alertgate.ini") + ": " + key + ": ";
        CPPUNIT_ASSERT_MESSAGE(problem, problem.rfind(prefix, 0) == 0);
        CPPUNIT_ASSERT_MESSAGE(problem, problem.find(reason, prefix.size()) != std::string::npos);
        return;
    }
    CPPUNIT_FAIL("accepted:\n" + content);
}

} // namespace

// The [buzzer] section of SettingsLoader.
class BuzzerSettingsTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(BuzzerSettingsTest);
    CPPUNIT_TEST(testDefaultsHaveNoBuzzerButPatterns);
    CPPUNIT_TEST(testFullSection);
    CPPUNIT_TEST(testBadPattern);
    CPPUNIT_TEST(testBadPatternName);
    CPPUNIT_TEST(testLineWithoutChip);
    CPPUNIT_TEST(testChipWithoutLine);
    CPPUNIT_TEST(testButtonOnBuzzerLine);
    CPPUNIT_TEST(testMaxSoundingOutOfRange);
    CPPUNIT_TEST(testGpioKeysNeedRestart);
    CPPUNIT_TEST_SUITE_END();

public:
    void testDefaultsHaveNoBuzzerButPatterns()
    {
        Settings s = SettingsLoader::defaults();
        CPPUNIT_ASSERT(!s.buzzer.enabled());
        CPPUNIT_ASSERT(
            s.buzzer.pattern("critical") ==
            (BuzzerPattern{"critical", std::chrono::milliseconds(500), std::chrono::milliseconds(500)}));
        CPPUNIT_ASSERT(s.buzzer.pattern("blind"));
        CPPUNIT_ASSERT(!s.buzzer.pattern("info"));
    }

    void testFullSection()
    {
        Test::TempDir dir;
        Settings s = loaded(dir, "[buzzer]\n"
                                 "chip = gpiochip0\n"
                                 "line = BUZZER\n"
                                 "active_low = true\n"
                                 "max_sounding = 2m\n"
                                 "pattern.critical = 1s/0s\n"
                                 "pattern.info = 50ms/10s\n"
                                 "button_line = 27\n"
                                 "button_active_low = false\n"
                                 "button_debounce = 30ms\n");
        CPPUNIT_ASSERT(s.buzzer.enabled());
        CPPUNIT_ASSERT_EQUAL(std::string("gpiochip0"), s.buzzer.chip);
        CPPUNIT_ASSERT_EQUAL(std::string("BUZZER"), s.buzzer.line);
        CPPUNIT_ASSERT(s.buzzer.activeLow);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(120000), s.buzzer.maxSoundingMs);
        CPPUNIT_ASSERT(
            s.buzzer.pattern("critical") ==
            (BuzzerPattern{"critical", std::chrono::milliseconds(1000), std::chrono::milliseconds(0)}));
        CPPUNIT_ASSERT(s.buzzer.pattern("info") == (BuzzerPattern{"info", std::chrono::milliseconds(50),
                                                                  std::chrono::milliseconds(10000)}));
        CPPUNIT_ASSERT(s.buzzer.pattern("warning")); // defaults not overridden stay
        CPPUNIT_ASSERT_EQUAL(std::string("27"), s.buzzer.buttonLine);
        CPPUNIT_ASSERT(!s.buzzer.buttonActiveLow);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(30), s.buzzer.buttonDebounceMs);
    }

    void testBadPattern()
    {
        expectProblem("[buzzer]\npattern.critical = 500ms\n", "buzzer.pattern.critical", "expected ON/OFF");
        expectProblem("[buzzer]\npattern.critical = 500/500\n", "buzzer.pattern.critical",
                      "expected a duration");
        expectProblem("[buzzer]\npattern.critical = 0s/1s\n", "buzzer.pattern.critical", "out of range");
    }

    void testBadPatternName()
    {
        expectProblem("[buzzer]\npattern.Critical = 1s/1s\n", "buzzer.pattern.Critical", "pattern names");
    }

    void testLineWithoutChip() { expectProblem("[buzzer]\nline = 17\n", "buzzer.chip", "missing"); }

    void testChipWithoutLine() { expectProblem("[buzzer]\nchip = gpiochip0\n", "buzzer.line", "missing"); }

    void testButtonOnBuzzerLine()
    {
        expectProblem("[buzzer]\nchip = gpiochip0\nline = 17\nbutton_line = 17\n", "buzzer.button_line",
                      "own");
    }

    void testMaxSoundingOutOfRange()
    {
        expectProblem("[buzzer]\nmax_sounding = 10ms\n", "buzzer.max_sounding", "out of range");
    }

    void testGpioKeysNeedRestart()
    {
        Settings before = SettingsLoader::defaults();
        Settings after = before;
        after.buzzer.chip = "gpiochip1";
        after.buzzer.patterns[0].on = std::chrono::milliseconds(100);
        auto keys = ConfigKeys::needingRestart(before, after);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), keys.size());
        CPPUNIT_ASSERT_EQUAL(std::string("buzzer.chip"), keys[0]);
        CPPUNIT_ASSERT_EQUAL(std::string("buzzer.pattern.critical"), keys[1]);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(BuzzerSettingsTest);

} // namespace AlertGate
