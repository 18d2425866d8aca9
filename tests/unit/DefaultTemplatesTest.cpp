#include "Fixtures.h"
#include "TempDir.h"
#include "core/PayloadParser.h"
#include "core/Rfc3339.h"
#include "notify/Template.h"
#include "notify/TemplateData.h"
#include "notify/slack/SlackMessage.h"

#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <cppunit/extensions/HelperMacros.h>

#include <cstdlib>
#include <ctime>
#include <fstream>
#include <sstream>

namespace AlertGate {

namespace {

const std::int64_t kNow = *Rfc3339::parseMicros("2026-11-22T12:30:00Z");
const char* kFixtures[] = {"disk-alert-firing", "disk-alert-resolved", "disk-critical-firing",
                           "truncated-firing"};

std::string goldenPath(const std::string& name)
{
    return std::string(ALERTGATE_SOURCE_DIR) + "/tests/golden/" + name;
}

// With ALERTGATE_UPDATE_GOLDEN=1 the files are rewritten (then review the diff); otherwise compared.
std::string golden(const std::string& name, const std::string& actual)
{
    if (std::getenv("ALERTGATE_UPDATE_GOLDEN"))
        std::ofstream(goldenPath(name), std::ios::binary) << actual;
    return Test::readFile(goldenPath(name));
}

std::string canonicalJson(const std::string& json)
{
    std::ostringstream out;
    Poco::JSON::Stringifier::stringify(Poco::JSON::Parser().parse(json), out, 2);
    return out.str();
}

Notification fixture(const std::string& name)
{
    return PayloadParser::parse(Test::loadFixture(name).body);
}

} // namespace

class DefaultTemplatesTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(DefaultTemplatesTest);
    CPPUNIT_TEST(testSlackPayloads);
    CPPUNIT_TEST(testEmailText);
    CPPUNIT_TEST(testEmailHtmlEscapesHostileText);
    CPPUNIT_TEST(testSlackEscapesHostileTextAndStaysValidJson);
    CPPUNIT_TEST(testEveryOutputNamesBidiControls);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override
    {
        setenv("TZ", "Asia/Tokyo", 1);
        tzset();
    }

    void testSlackPayloads()
    {
        SlackMessage message(Template::load("", "slack-title", Template::Escape::Slack),
                             Template::load("", "slack-alert", Template::Escape::Slack));
        for (const char* name : kFixtures)
        {
            Notification n = fixture(name);
            std::string actual = canonicalJson(message.render(n, n.alerts, kNow));
            CPPUNIT_ASSERT_EQUAL_MESSAGE(name, golden(std::string("slack-") + name + ".json", actual),
                                         actual);
        }
    }

    void testEmailText()
    {
        Template subject = Template::load("", "email-subject", Template::Escape::None);
        Template text = Template::load("", "email-text", Template::Escape::None);
        for (const char* name : kFixtures)
        {
            Notification n = fixture(name);
            auto data = TemplateData::message(n, n.alerts, kNow);
            std::string actual = "Subject: " + subject.render(data) + "\n\n" + text.render(data);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(name, golden(std::string("email-") + name + ".txt", actual), actual);
        }
    }

    void testEmailHtmlEscapesHostileText()
    {
        Notification n = fixture("disk-critical-firing");
        n.alerts[0].annotations["summary"] = "<script>alert(1)</script> & \"quotes\"";
        std::string html = Template::load("", "email-html", Template::Escape::Html)
                               .render(TemplateData::message(n, n.alerts, kNow));
        CPPUNIT_ASSERT(html.find("<script>") == std::string::npos);
        CPPUNIT_ASSERT(html.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;") !=
                       std::string::npos);
    }

    void testSlackEscapesHostileTextAndStaysValidJson()
    {
        Notification n = fixture("disk-critical-firing");
        n.alerts[0].annotations["summary"] = "<!channel> \"quoted\"\nnew line & <https://evil|click>";
        n.alerts[0].annotations["description"] = std::string(5000, 'x');
        SlackMessage message(Template::load("", "slack-title", Template::Escape::Slack),
                             Template::load("", "slack-alert", Template::Escape::Slack));
        std::string json = message.render(n, n.alerts, kNow);
        auto payload = Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
        std::string text = payload->getArray("attachments")->getObject(0)->getValue<std::string>("text");
        CPPUNIT_ASSERT(text.find("<!channel>") == std::string::npos);
        CPPUNIT_ASSERT(text.find("&lt;!channel&gt; \"quoted\"\nnew line &amp; &lt;https://evil|click&gt;") !=
                       std::string::npos);
        CPPUNIT_ASSERT(text.find("cut by alertgate") != std::string::npos);
        CPPUNIT_ASSERT(text.size() < 3100 * 3);
    }

    // An override in a label would show "...exe.txt" as "...txt.exe" in the subject, the mail and Slack.
    void testEveryOutputNamesBidiControls()
    {
        Notification n = fixture("disk-critical-firing");
        n.alerts[0].labels["instance"] = "invoice\xE2\x80\xAE"
                                         "fdp.exe";
        n.commonLabels["instance"] = n.alerts[0].labels["instance"];
        n.groupLabels["instance"] = n.alerts[0].labels["instance"];
        auto data = TemplateData::message(n, n.alerts, kNow);
        SlackMessage slack(Template::load("", "slack-title", Template::Escape::Slack),
                           Template::load("", "slack-alert", Template::Escape::Slack));
        std::vector<std::string> outputs = {
            Template::load("", "email-subject", Template::Escape::None).render(data),
            Template::load("", "email-text", Template::Escape::None).render(data),
            Template::load("", "email-html", Template::Escape::Html).render(data),
            slack.render(n, n.alerts, kNow)};
        for (const auto& output : outputs)
        {
            CPPUNIT_ASSERT_MESSAGE(output, output.find("\xE2\x80\xAE") == std::string::npos);
            CPPUNIT_ASSERT_MESSAGE(output, output.find("invoice[U+202E]fdp.exe") != std::string::npos);
        }
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(DefaultTemplatesTest);

} // namespace AlertGate
