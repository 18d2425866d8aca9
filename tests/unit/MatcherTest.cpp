#include "core/Matcher.h"
#include "core/Router.h"

#include "core/ValueError.h"

#include <cppunit/extensions/HelperMacros.h>

#include <stdexcept>

namespace AlertGate {

namespace {

Alert alert(const std::string& name, const std::string& severity, const std::string& status = "firing")
{
    Alert a;
    a.status = status;
    a.labels = {{"alertname", name}, {"severity", severity}, {"instance", "pi:9100"}};
    a.fingerprint = name + severity;
    return a;
}

bool matchAll(const std::string& text, const LabelSet& labels)
{
    for (const auto& m : Matcher::parseList(text))
        if (!m.matches(labels))
            return false;
    return true;
}

} // namespace

class MatcherTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(MatcherTest);
    CPPUNIT_TEST(testOperators);
    CPPUNIT_TEST(testRegexIsAnchored);
    CPPUNIT_TEST(testQuotingAndMissingLabels);
    CPPUNIT_TEST(testParseErrors);
    CPPUNIT_TEST(testRouterSelectsChannelsAndAlerts);
    CPPUNIT_TEST(testHeartbeatNeverForwarded);
    CPPUNIT_TEST_SUITE_END();

public:
    void testOperators()
    {
        LabelSet labels = {{"severity", "critical"}, {"alertname", "DiskUsage"}};
        CPPUNIT_ASSERT(matchAll("severity=critical", labels));
        CPPUNIT_ASSERT(!matchAll("severity!=critical", labels));
        CPPUNIT_ASSERT(matchAll(R"(severity=~"critical|warning")", labels));
        CPPUNIT_ASSERT(!matchAll(R"(severity!~"critical|warning")", labels));
        CPPUNIT_ASSERT(matchAll(R"(severity=~"critical|warning", alertname!="Watchdog")", labels));
        CPPUNIT_ASSERT(!matchAll(R"(severity=~"critical|warning", alertname="Watchdog")", labels));
        CPPUNIT_ASSERT(matchAll("", labels));
    }

    void testRegexIsAnchored()
    {
        LabelSet labels = {{"severity", "critical-ish"}};
        CPPUNIT_ASSERT(!matchAll(R"(severity=~"critical")", labels));
        CPPUNIT_ASSERT(matchAll(R"(severity=~"critical.*")", labels));
        CPPUNIT_ASSERT(!matchAll(R"(severity=~"ish")", labels));
        // Anchoring wraps the whole alternation, not just its ends.
        CPPUNIT_ASSERT(!matchAll(R"(severity=~"x|critical")", labels));
    }

    void testQuotingAndMissingLabels()
    {
        LabelSet labels = {{"summary", "a \"quoted\", text"}};
        CPPUNIT_ASSERT(matchAll(R"(summary="a \"quoted\", text")", labels));
        CPPUNIT_ASSERT(matchAll(R"(team="")", labels));
        CPPUNIT_ASSERT(matchAll(R"(team!~".+")", labels));
        CPPUNIT_ASSERT(!matchAll(R"(team=~".+")", labels));
        CPPUNIT_ASSERT(matchAll("  summary != other ,  team = ", labels));
    }

    void testParseErrors()
    {
        for (const char* bad : {"severity", "=critical", "severity=~\"(\"", "severity=\"open", "1abc=x",
                                "severity=critical alertname=x"})
            CPPUNIT_ASSERT_THROW_MESSAGE(bad, Matcher::parseList(bad), ValueError);
    }

    void testRouterSelectsChannelsAndAlerts()
    {
        Router router({{"slack", Matcher::parseList(R"(severity=~"critical|warning")"), true},
                       {"email", Matcher::parseList("severity=critical"), false}},
                      "Watchdog");
        Notification n;
        n.alerts = {alert("DiskUsage", "warning"), alert("DiskUsage", "critical", "resolved")};
        CPPUNIT_ASSERT(router.channelsFor(n) == std::vector<std::string>{"slack"});
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), router.alertsFor("slack", n).size());
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), router.alertsFor("email", n).size());
        n.alerts.push_back(alert("DiskUsage", "critical"));
        CPPUNIT_ASSERT((router.channelsFor(n) == std::vector<std::string>{"slack", "email"}));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), router.alertsFor("email", n).size());
    }

    void testHeartbeatNeverForwarded()
    {
        Router router({{"slack", {}, true}}, "Watchdog");
        Notification n;
        n.alerts = {alert("Watchdog", "none")};
        CPPUNIT_ASSERT(router.channelsFor(n).empty());
        n.alerts.push_back(alert("DiskUsage", "alert"));
        auto alerts = router.alertsFor("slack", n);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), alerts.size());
        CPPUNIT_ASSERT_EQUAL(std::string("DiskUsage"), alerts[0].label("alertname"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(MatcherTest);

} // namespace AlertGate
