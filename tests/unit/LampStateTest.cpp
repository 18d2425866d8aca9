#include "signal/LampState.h"

#include <cppunit/extensions/HelperMacros.h>

#include <limits>

namespace AlertGate {

namespace {

const char* const SEVERITIES[] = {"critical", "warning", "alert", "info", ""}; // "" is no severity label.
constexpr int COUNT = 5;

std::vector<SignalAlert> alertsOf(unsigned subset)
{
    std::vector<SignalAlert> alerts;
    for (int i = 0; i < COUNT; ++i)
        if (subset & (1u << i))
            alerts.push_back({SEVERITIES[i], 1000 * (i + 1)});
    return alerts;
}

bool has(unsigned subset, int index)
{
    return (subset & (1u << index)) != 0;
}

std::string describe(unsigned subset, bool blind, bool silenced)
{
    std::string text = "{";
    for (int i = 0; i < COUNT; ++i)
        if (has(subset, i))
            text += std::string(*SEVERITIES[i] ? SEVERITIES[i] : "none") + " ";
    return text + "} blind=" + (blind ? "1" : "0") + " silenced=" + (silenced ? "1" : "0");
}

} // namespace

class LampStateTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(LampStateTest);
    CPPUNIT_TEST(testOriginalRuleOverEverySeverityCombination);
    CPPUNIT_TEST(testSoundOverEveryCombination);
    CPPUNIT_TEST(testSilenceIsAskedAboutTheNewestSoundingActivation);
    CPPUNIT_TEST(testConfiguredMappingCombinesLamps);
    CPPUNIT_TEST(testSilenceBlanksTheTowerBuzzerDigitOnly);
    CPPUNIT_TEST(testSuppressedAlertsLightNothingByDefault);
    CPPUNIT_TEST_SUITE_END();

public:
    // The default lamps are the original setup's rule: alert=<R><Y><G>000, plus the blind pattern.
    // The buzzer is left out here (testSoundOverEveryCombination covers it).
    void testOriginalRuleOverEverySeverityCombination()
    {
        Settings::Lamp lamps;
        lamps.sound.clear();
        Settings::Heartbeat heartbeat;
        heartbeat.blindSound.clear();
        LampState rule(lamps, heartbeat);
        for (unsigned subset = 0; subset < (1u << COUNT); ++subset)
            for (bool blind : {false, true})
                for (bool silenced : {false, true})
                {
                    SignalState state =
                        rule.desired(alertsOf(subset), blind, [&](std::int64_t) { return silenced; });
                    std::string expected = std::string(1, blind            ? '2'
                                                          : has(subset, 0) ? '1'
                                                                           : '0') +
                                           (blind            ? '2'
                                            : has(subset, 1) ? '1'
                                                             : '0') +
                                           (has(subset, 2) ? '2' : '0') + "000";
                    const std::string what = describe(subset, blind, silenced);
                    CPPUNIT_ASSERT_EQUAL_MESSAGE(what, expected, state.tower.digits());
                    CPPUNIT_ASSERT_MESSAGE(what, !state.buzzerPattern);
                    CPPUNIT_ASSERT_EQUAL_MESSAGE(what, blind, state.blind);
                    CPPUNIT_ASSERT_MESSAGE(what, !state.silenced); // Nothing sounds, so nothing to silence.
                }
    }

    void testSoundOverEveryCombination()
    {
        Settings::Lamp lamp;
        lamp.sound = {{"critical", "alarm"}, {"warning", "beep"}};
        Settings::Heartbeat heartbeat;
        heartbeat.blindSound = "siren";
        LampState rule(lamp, heartbeat);
        for (unsigned subset = 0; subset < (1u << COUNT); ++subset)
            for (bool blind : {false, true})
                for (bool silenced : {false, true})
                {
                    SignalState state =
                        rule.desired(alertsOf(subset), blind, [&](std::int64_t) { return silenced; });
                    std::optional<std::string> loudest;
                    if (has(subset, 0))
                        loudest = "alarm";
                    else if (has(subset, 1))
                        loudest = "beep";
                    else if (blind)
                        loudest = "siren";
                    const std::string what = describe(subset, blind, silenced);
                    CPPUNIT_ASSERT_MESSAGE(what, state.buzzerPattern == (silenced ? std::nullopt : loudest));
                    CPPUNIT_ASSERT_EQUAL_MESSAGE(what, silenced && loudest.has_value(), state.silenced);
                    CPPUNIT_ASSERT_EQUAL_MESSAGE(what, '0', state.tower.digit(TowerState::Buzzer));
                }
    }

    void testSilenceIsAskedAboutTheNewestSoundingActivation()
    {
        Settings::Lamp lamp;
        lamp.sound = {{"warning", "beep"}};
        LampState rule(lamp, Settings::Heartbeat{});
        std::vector<std::int64_t> asked;
        auto check = [&](std::int64_t newest) {
            asked.push_back(newest);
            return true;
        };
        // The critical alert is newer but does not sound: the silence is judged by the warnings only.
        rule.desired({{"warning", 100}, {"critical", 900}, {"warning", 300}}, false, check);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), asked.size());
        CPPUNIT_ASSERT_EQUAL(std::int64_t(300), asked[0]);
        asked.clear();
        rule.desired({{"critical", 900}}, false, check);
        CPPUNIT_ASSERT(asked.empty());
    }

    void testConfiguredMappingCombinesLamps()
    {
        Settings::Lamp lamp;
        lamp.severities = {
            {"critical", "red:flash2, buzzer:3"}, {"warning", "red:on, yellow:flash"}, {"info", "blue:on"}};
        LampState rule(lamp, Settings::Heartbeat{});
        auto never = [](std::int64_t) { return false; };
        CPPUNIT_ASSERT_EQUAL(std::string("000000"),
                             rule.desired({{"alert", 1}}, false, never).tower.digits());
        CPPUNIT_ASSERT_EQUAL(std::string("120000"),
                             rule.desired({{"warning", 1}}, false, never).tower.digits());
        CPPUNIT_ASSERT_EQUAL(std::string("320003"),
                             rule.desired({{"warning", 1}, {"critical", 2}}, false, never).tower.digits());
        CPPUNIT_ASSERT_EQUAL(std::string("000100"), rule.desired({{"info", 1}}, false, never).tower.digits());
    }

    void testSilenceBlanksTheTowerBuzzerDigitOnly()
    {
        Settings::Lamp lamp;
        lamp.severities = {{"critical", "red:on, buzzer:2"}};
        LampState rule(lamp, Settings::Heartbeat{});
        std::int64_t asked = std::numeric_limits<std::int64_t>::min();
        SignalState state = rule.desired({{"critical", 42}}, false, [&](std::int64_t newest) {
            asked = newest;
            return true;
        });
        CPPUNIT_ASSERT_EQUAL(std::string("100000"), state.tower.digits());
        CPPUNIT_ASSERT(state.silenced);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(42), asked);
        CPPUNIT_ASSERT_EQUAL(
            std::string("100002"),
            rule.desired({{"critical", 42}}, false, [](std::int64_t) { return false; }).tower.digits());
    }

    void testSuppressedAlertsLightNothingByDefault()
    {
        Settings::Lamp lamp;
        LampState rule(lamp, Settings::Heartbeat{});
        auto never = [](std::int64_t) { return false; };
        SignalAlert silencedCritical{"critical", 1, true};
        SignalState state = rule.desired({silencedCritical, {"alert", 2}}, false, never);
        CPPUNIT_ASSERT_EQUAL(std::string("002000"), state.tower.digits());
        CPPUNIT_ASSERT(!state.buzzerPattern);
        CPPUNIT_ASSERT_EQUAL(std::string("000000"),
                             rule.desired({silencedCritical}, false, never).tower.digits());

        lamp.showSuppressed = true;
        LampState showing(lamp, Settings::Heartbeat{});
        state = showing.desired({silencedCritical}, false, never);
        CPPUNIT_ASSERT_EQUAL(std::string("100000"), state.tower.digits());
        CPPUNIT_ASSERT_EQUAL(std::string("critical"), state.buzzerPattern.value_or(""));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(LampStateTest);

} // namespace AlertGate
