#include "alertmanager/AlertmanagerAlerts.h"
#include "alertmanager/AlertmanagerError.h"

#include <cppunit/extensions/HelperMacros.h>

#include <fstream>
#include <sstream>

namespace AlertGate {

class AlertmanagerAlertsTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(AlertmanagerAlertsTest);
    CPPUNIT_TEST(testCapturedAnswerOfAlertmanager025);
    CPPUNIT_TEST(testSilencedWinsOverInhibited);
    CPPUNIT_TEST(testEmptyList);
    CPPUNIT_TEST(testRefusesWhatIsNotTheApi);
    CPPUNIT_TEST_SUITE_END();

public:
    void testCapturedAnswerOfAlertmanager025()
    {
        auto alerts = AlertmanagerAlerts::parse(captured("alerts-active-silenced-inhibited.json"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(4), alerts.size());
        CPPUNIT_ASSERT(alerts.suppression("f49deed79c9d117e") == Suppression::None);      // critical disk
        CPPUNIT_ASSERT(alerts.suppression("625f655603b0b837") == Suppression::None);      // instance down
        CPPUNIT_ASSERT(alerts.suppression("c053aea84d138885") == Suppression::Inhibited); // warning disk
        CPPUNIT_ASSERT(alerts.suppression("df188f9b0a4e0a11") == Suppression::Silenced);  // Quiet
        CPPUNIT_ASSERT(!alerts.holds("0000000000000000"));
    }

    void testSilencedWinsOverInhibited()
    {
        auto alerts = AlertmanagerAlerts::parse(
            R"([{"fingerprint":"a","status":{"state":"suppressed","silencedBy":["s"],"inhibitedBy":["b"]}}])");
        CPPUNIT_ASSERT(alerts.suppression("a") == Suppression::Silenced);
        CPPUNIT_ASSERT_EQUAL(std::string("silenced"), suppressionName(alerts.suppression("a")));
    }

    void testEmptyList() { CPPUNIT_ASSERT_EQUAL(std::size_t(0), AlertmanagerAlerts::parse("[]").size()); }

    void testRefusesWhatIsNotTheApi()
    {
        CPPUNIT_ASSERT_THROW(AlertmanagerAlerts::parse("<html>login</html>"), AlertmanagerError);
        CPPUNIT_ASSERT_THROW(AlertmanagerAlerts::parse(R"({"status":"success"})"), AlertmanagerError);
        CPPUNIT_ASSERT_THROW(AlertmanagerAlerts::parse(R"([{"status":{}}])"), AlertmanagerError);
        CPPUNIT_ASSERT_THROW(AlertmanagerAlerts::parse(R"([{"fingerprint":"a"}])"), AlertmanagerError);
        CPPUNIT_ASSERT_THROW(AlertmanagerAlerts::parse(R"([{"fingerprint":7,"status":{}}])"),
                             AlertmanagerError);
    }

private:
    static std::string captured(const std::string& name)
    {
        std::ifstream in(std::string(ALERTGATE_SOURCE_DIR) + "/tests/fixtures/alertmanager-0.25-api/" + name);
        std::ostringstream text;
        text << in.rdbuf();
        return text.str();
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(AlertmanagerAlertsTest);

} // namespace AlertGate
