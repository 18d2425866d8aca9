#include "signal/LampState.h"

#include <cppunit/extensions/HelperMacros.h>

#include <limits>

namespace AlertGate {

namespace {

const char* const SEVERITIES[] = {"critical", "warning", "alert", "info", ""}; // "" is no severity label.
constexpr int COUNT = 5;

// An alert without labels: with the default group_by all such alerts form one group.
SignalAlert at(const std::string& severity, std::int64_t activeSinceMicros)
{
    return SignalAlert{severity, activeSinceMicros, {}, {}};
}

std::vector<SignalAlert> alertsOf(unsigned subset)
{
    std::vector<SignalAlert> alerts;
    for (int i = 0; i < COUNT; ++i)
        if (subset & (1u << i))
            alerts.push_back(at(SEVERITIES[i], 1000 * (i + 1)));
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
    CPPUNIT_TEST(testGroupByLightsTheMostSevereOfAGroupOverEveryCombination);
    CPPUNIT_TEST(testDiskWalkShowsOneLevelAtATime);
    CPPUNIT_TEST(testGroupsAreKeptApartByTheirLabelValues);
    CPPUNIT_TEST(testSeverityWithoutLampsHidesNothing);
    CPPUNIT_TEST(testSuppressedAlertsLightNothingByDefault);
    CPPUNIT_TEST_SUITE_END();

public:
    // The default lamps are the original setup's rule: alert=<R><Y><G>000, plus the blind pattern.
    // The buzzer is left out here (testSoundOverEveryCombination covers it). group_by = (empty): every
    // active alert lights its lamps.
    void testOriginalRuleOverEverySeverityCombination()
    {
        Settings::Lamp lamps;
        lamps.sound.clear();
        lamps.groupBy.clear();
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
        rule.desired({at("warning", 100), at("critical", 900), at("warning", 300)}, false, check);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), asked.size());
        CPPUNIT_ASSERT_EQUAL(std::int64_t(300), asked[0]);
        asked.clear();
        rule.desired({at("critical", 900)}, false, check);
        CPPUNIT_ASSERT(asked.empty());
    }

    void testConfiguredMappingCombinesLamps()
    {
        Settings::Lamp lamp;
        lamp.severities = {
            {"critical", "red:flash2, buzzer:3"}, {"warning", "red:on, yellow:flash"}, {"info", "blue:on"}};
        lamp.groupBy.clear();
        LampState rule(lamp, Settings::Heartbeat{});
        auto never = [](std::int64_t) { return false; };
        CPPUNIT_ASSERT_EQUAL(std::string("000000"),
                             rule.desired({at("alert", 1)}, false, never).tower.digits());
        CPPUNIT_ASSERT_EQUAL(std::string("120000"),
                             rule.desired({at("warning", 1)}, false, never).tower.digits());
        CPPUNIT_ASSERT_EQUAL(
            std::string("320003"),
            rule.desired({at("warning", 1), at("critical", 2)}, false, never).tower.digits());
        CPPUNIT_ASSERT_EQUAL(std::string("000100"),
                             rule.desired({at("info", 1)}, false, never).tower.digits());
    }

    void testSilenceBlanksTheTowerBuzzerDigitOnly()
    {
        Settings::Lamp lamp;
        lamp.severities = {{"critical", "red:on, buzzer:2"}};
        LampState rule(lamp, Settings::Heartbeat{});
        std::int64_t asked = std::numeric_limits<std::int64_t>::min();
        SignalState state = rule.desired({at("critical", 42)}, false, [&](std::int64_t newest) {
            asked = newest;
            return true;
        });
        CPPUNIT_ASSERT_EQUAL(std::string("100000"), state.tower.digits());
        CPPUNIT_ASSERT(state.silenced);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(42), asked);
        CPPUNIT_ASSERT_EQUAL(
            std::string("100002"),
            rule.desired({at("critical", 42)}, false, [](std::int64_t) { return false; }).tower.digits());
    }

    // The default group_by (alertname, instance) with every alert in one group: only the most severe
    // alert with lamps lights them, and it alone is named as lighting.
    void testGroupByLightsTheMostSevereOfAGroupOverEveryCombination()
    {
        Settings::Lamp lamps;
        lamps.sound.clear();
        LampState rule(lamps, Settings::Heartbeat{});
        for (unsigned subset = 0; subset < (1u << COUNT); ++subset)
        {
            std::vector<SignalAlert> alerts = alertsOf(subset);
            for (auto& alert : alerts)
            {
                alert.fingerprint = "fp-" + alert.severity;
                alert.labels = {
                    {"alertname", "DiskUsage"}, {"instance", "pi:9100"}, {"severity", alert.severity}};
            }
            SignalState state = rule.desired(alerts, false, [](std::int64_t) { return false; });
            std::string expected = has(subset, 0)   ? "100000"
                                   : has(subset, 1) ? "010000"
                                   : has(subset, 2) ? "002000"
                                                    : "000000";
            std::vector<std::string> lighting;
            for (int i = 0; i < 3; ++i)
                if (has(subset, i))
                {
                    lighting.push_back(std::string("fp-") + SEVERITIES[i]);
                    break;
                }
            const std::string what = describe(subset, false, false);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(what, expected, state.tower.digits());
            CPPUNIT_ASSERT_MESSAGE(what, lighting == state.lighting);
        }
    }

    // The walk of one disk through the original three rules: 55 % fires `alert`, 75 % adds
    // `warning`, 85 % adds `critical`, 30 % resolves all. Green flashing, yellow, red, off.
    void testDiskWalkShowsOneLevelAtATime()
    {
        LampState rule(Settings::Lamp{}, Settings::Heartbeat{});
        auto disk = [](const std::string& severity) {
            return SignalAlert{severity, 0, severity, {{"alertname", "DiskUsage"}, {"instance", "pi:9100"}}};
        };
        auto never = [](std::int64_t) { return false; };
        CPPUNIT_ASSERT_EQUAL(std::string("002000"),
                             rule.desired({disk("alert")}, false, never).tower.digits());
        CPPUNIT_ASSERT_EQUAL(std::string("010000"),
                             rule.desired({disk("alert"), disk("warning")}, false, never).tower.digits());
        CPPUNIT_ASSERT_EQUAL(
            std::string("100000"),
            rule.desired({disk("alert"), disk("warning"), disk("critical")}, false, never).tower.digits());
        CPPUNIT_ASSERT_EQUAL(std::string("000000"), rule.desired({}, false, never).tower.digits());
        // The buzzer still follows the highest severity, grouped or not.
        CPPUNIT_ASSERT(rule.desired({disk("alert"), disk("warning")}, false, never).buzzerPattern ==
                       std::optional<std::string>("warning"));
    }

    void testGroupsAreKeptApartByTheirLabelValues()
    {
        LampState rule(Settings::Lamp{}, Settings::Heartbeat{});
        auto never = [](std::int64_t) { return false; };
        auto alert = [](const std::string& severity, const std::string& fingerprint, LabelSet labels) {
            return SignalAlert{severity, 0, fingerprint, std::move(labels)};
        };
        // Two disks: one at warning (with its alert level), the other at alert level only.
        SignalState two = rule.desired({alert("warning", "a-w", {{"alertname", "Disk"}, {"instance", "a"}}),
                                        alert("alert", "a-a", {{"alertname", "Disk"}, {"instance", "a"}}),
                                        alert("alert", "b-a", {{"alertname", "Disk"}, {"instance", "b"}})},
                                       false, never);
        CPPUNIT_ASSERT_EQUAL(std::string("012000"), two.tower.digits());
        CPPUNIT_ASSERT((std::vector<std::string>{"a-w", "b-a"}) == two.lighting);
        // Another alertname on the same instance is another group.
        CPPUNIT_ASSERT_EQUAL(std::string("012000"),
                             rule.desired({alert("warning", "1", {{"alertname", "Disk"}, {"instance", "a"}}),
                                           alert("alert", "2", {{"alertname", "Load"}, {"instance", "a"}})},
                                          false, never)
                                 .tower.digits());
        // A value holding what could pass for a separator does not merge two groups.
        CPPUNIT_ASSERT_EQUAL(std::string("012000"),
                             rule.desired({alert("warning", "1", {{"alertname", "a1:b"}, {"instance", ""}}),
                                           alert("alert", "2", {{"alertname", "a"}, {"instance", "b"}})},
                                          false, never)
                                 .tower.digits());
        // A missing label and an empty one are the same group (as in Prometheus).
        CPPUNIT_ASSERT_EQUAL(std::string("100000"),
                             rule.desired({alert("critical", "1", {{"alertname", "X"}}),
                                           alert("alert", "2", {{"alertname", "X"}, {"instance", ""}})},
                                          false, never)
                                 .tower.digits());
        // Grouping by one label only.
        Settings::Lamp byName;
        byName.groupBy = {"alertname"};
        CPPUNIT_ASSERT_EQUAL(std::string("010000"),
                             LampState(byName, Settings::Heartbeat{})
                                 .desired({alert("warning", "1", {{"alertname", "Disk"}, {"instance", "a"}}),
                                           alert("alert", "2", {{"alertname", "Disk"}, {"instance", "b"}})},
                                          false, never)
                                 .tower.digits());
    }

    // info ranks above alert but has no lamps by default: it must not leave its group dark.
    void testSeverityWithoutLampsHidesNothing()
    {
        LampState rule(Settings::Lamp{}, Settings::Heartbeat{});
        LabelSet labels{{"alertname", "Disk"}, {"instance", "a"}};
        SignalState state = rule.desired({{"info", 0, "i", labels}, {"alert", 0, "a", labels}}, false,
                                         [](std::int64_t) { return false; });
        CPPUNIT_ASSERT_EQUAL(std::string("002000"), state.tower.digits());
        CPPUNIT_ASSERT((std::vector<std::string>{"a"}) == state.lighting);
    }

    void testSuppressedAlertsLightNothingByDefault()
    {
        Settings::Lamp lamp;
        LampState rule(lamp, Settings::Heartbeat{});
        auto never = [](std::int64_t) { return false; };
        SignalAlert silencedCritical{"critical", 1, "c", {}, true};
        // Within its group (group_by alertname, instance) a suppressed alert hides nothing either.
        SignalState state = rule.desired({silencedCritical, {"alert", 2, "a", {}}}, false, never);
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
