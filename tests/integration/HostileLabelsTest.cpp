#include "Contains.h"
#include "Eventually.h"
#include "FakeSlackServer.h"
#include "FakeSmtpServer.h"
#include "JsonParse.h"
#include "MailParser.h"
#include "Payloads.h"
#include "Replaced.h"
#include "TestCertificates.h"
#include "TestGateway.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <cppunit/extensions/HelperMacros.h>

#include <sstream>
#include <vector>

namespace AlertGate::Test {

namespace {

const std::string kFingerprint = "00000000000bad01";
const std::string kRlo = "\xE2\x80\xAE";       // U+202E RIGHT-TO-LEFT OVERRIDE
const std::string kZeroWidth = "\xE2\x80\x8B"; // U+200B ZERO WIDTH SPACE
const std::string kNul(1, '\0');

// Both reach the subject through the default title "<alertname> on <instance>".
const std::string kAlertname = "Disk\r\nBcc: victim@example.com";
const std::string kInstance =
    "pi:9100\r\nX-Injected: yes\r\n\r\n<!channel> <@U123> &<> " + kRlo + "txt.exe" + kZeroWidth;
const std::string kSql = "'; DROP TABLE alerts; --";
const std::string kSummary =
    "before" + kNul + "after <!channel> <!here> <@U123> <https://evil.example|click> &amp;";

// What a mail client must show as the subject: the default "[FIRING:<n>] <title>", every control
// character of the labels a space (runs collapsed), the override named so it reorders nothing,
// everything else exactly as sent.
const std::string kExpectedSubject = "[FIRING:1] Disk Bcc: victim@example.com on pi:9100 X-Injected: yes "
                                     "<!channel> <@U123> &<> [U+202E]txt.exe" +
                                     kZeroWidth;

const std::vector<std::string> kExpectedHeaders = {"Date",       "From",         "To",           "Subject",
                                                   "Message-ID", "MIME-Version", "Content-Type", "X-Mailer"};

// 1 MiB of text mixing multi-byte characters and markup, so any cut or re-encoding shows.
std::string megabyteValue()
{
    const std::string piece = "0123456789 <b>&</b> \xC3\xA9\xE2\x82\xAC\xF0\x9F\x94\xA5 "; // é € 🔥
    std::string value;
    while (value.size() + piece.size() <= 1024 * 1024)
        value += piece;
    return value + std::string(1024 * 1024 - value.size(), 'x');
}

TestAlert hostileAlert(const std::string& description)
{
    TestAlert alert;
    alert.fingerprint = kFingerprint;
    alert.labels = {{"alertname", kAlertname},
                    {"instance", kInstance},
                    {"severity", "critical"},
                    {"sql", kSql},
                    {"bidi", kRlo + "evil" + kZeroWidth + "zw"}};
    alert.annotations = {{"summary", kSummary}, {"description", description}};
    return alert;
}

// Alertmanager repeats the group's labels at the top: the default subject is built from them.
std::string hostileBody(const TestAlert& alert)
{
    auto body = parseObject(webhookBody({alert}));
    auto groupLabels = Poco::makeShared<Poco::JSON::Object>();
    groupLabels->set("alertname", kAlertname);
    auto commonLabels = Poco::makeShared<Poco::JSON::Object>();
    for (const auto& [name, value] : alert.labels)
        commonLabels->set(name, value);
    body->set("groupLabels", groupLabels);
    body->set("commonLabels", commonLabels);
    std::ostringstream out;
    body->stringify(out);
    return out.str();
}

// The names of the message's header fields, in order; throws if a line of the header section is not
// a field, a continuation, or not ended by CRLF (a bare CR or LF could start a header of its own for
// some reader).
std::vector<std::string> headerNames(const std::string& raw)
{
    std::string section = raw.substr(0, raw.find("\r\n\r\n") + 2);
    std::vector<std::string> names;
    std::size_t start = 0;
    while (start < section.size())
    {
        std::size_t end = section.find("\r\n", start);
        std::string line = section.substr(start, end - start);
        if (line.find_first_of("\r\n") != std::string::npos)
            throw std::runtime_error("bare CR or LF in header line: " + line);
        for (unsigned char c : line)
            if (c >= 0x80 || (c < 0x20 && c != '\t'))
                throw std::runtime_error("raw non-ASCII or control byte in header line: " + line);
        if (line.empty() || line[0] == ' ' || line[0] == '\t')
        {
            if (names.empty())
                throw std::runtime_error("continuation before any header");
        }
        else
            names.push_back(line.substr(0, line.find(':')));
        start = end + 2;
    }
    return names;
}

// Slack reads <...> as a mention or a link and & as the start of an entity: after escaping, a text
// field holds no < or > at all and each & starts &amp; &lt; or &gt;.
void assertSlackSafe(const std::string& field, const std::string& text)
{
    CPPUNIT_ASSERT_MESSAGE(field + ": " + text.substr(0, 300), text.find_first_of("<>") == std::string::npos);
    for (std::size_t at = text.find('&'); at != std::string::npos; at = text.find('&', at + 1))
    {
        std::string entity = text.substr(at, 5);
        CPPUNIT_ASSERT_MESSAGE(field + ": raw & at " + std::to_string(at), entity == "&amp;" ||
                                                                               entity.rfind("&lt;", 0) == 0 ||
                                                                               entity.rfind("&gt;", 0) == 0);
    }
}

/// A gateway delivering to a fake Slack and a fake SMTP server (both TLS, trusting the test CA),
/// with room for a 1 MiB annotation.
class HostileSetup
{
public:
    HostileSetup()
        : _slack("[]", &_certificates), _smtp(FakeSmtpServer::tlsOptions(_certificates)),
          _gateway(
              "[http]\nmax_body_size = 4MiB\n"
              "[delivery]\nretry_initial = 100ms\nretry_max = 1s\n"
              "[slack]\nwebhook_url = " +
              _slack.url("/services/T000/B000/XXXX") + "\nca_file = " + _certificates.caFile() +
              "\ntimeout = 10s\n"
              "[email]\nsmtp_host = localhost\nsmtp_port = " +
              std::to_string(_smtp.port()) +
              "\nsecurity = starttls\nfrom = alertgate <alertgate@example.com>\nto = oncall@example.com\n"
              "ca_file = " +
              _certificates.caFile() + "\ntimeout = 10s\n")
    {
        _gateway.start();
    }

    TestGateway& gateway() { return _gateway; }
    FakeSlackServer& slack() { return _slack; }
    FakeSmtpServer& smtp() { return _smtp; }

private:
    TestCertificates _certificates;
    FakeSlackServer _slack;
    FakeSmtpServer _smtp;
    TestGateway _gateway;
};

} // namespace

/// Fault: labels and annotations built to break things (CR/LF, Slack mentions, HTML and SQL
/// metacharacters, 1 MiB, bidi override and zero-width characters, NUL) are stored byte for byte and
/// reach Slack and email without effect; a body that is not UTF-8 is refused.
class HostileLabelsTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(HostileLabelsTest);
    CPPUNIT_TEST(testHostileLabelsAreStoredFaithfullyAndRenderedHarmlessly);
    CPPUNIT_TEST(testBodiesThatAreNotUtf8AreRefusedAndNothingIsStored);
    CPPUNIT_TEST(testANameWithNulIsRefusedAndNothingIsStored);
    CPPUNIT_TEST_SUITE_END();

public:
    void testHostileLabelsAreStoredFaithfullyAndRenderedHarmlessly()
    {
        HostileSetup setup;
        TestGateway& gateway = setup.gateway();
        const std::string description = megabyteValue();
        const TestAlert alert = hostileAlert(description);
        const std::string body = hostileBody(alert);
        HttpResult posted = gateway.post(body);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(posted.body, 200, posted.status);

        assertStoredByteExact(gateway, alert, body);
        assertHistoryShowsThem(gateway, alert);
        CPPUNIT_ASSERT_MESSAGE(gateway.process().log(),
                               eventually([&] { return delivered(gateway); }, 60000));
        assertEmailHarmless(setup.smtp(), description);
        assertSlackHarmless(setup.slack());
        assertTablesIntact(gateway);
    }

    void testBodiesThatAreNotUtf8AreRefusedAndNothingIsStored()
    {
        TestGateway gateway;
        gateway.start();
        const std::vector<std::pair<std::string, std::string>> invalid = {
            {"a byte that starts no character", "Disk\xFF"},
            {"a lead byte without its continuation", "Disk\xC3\x28"},
            {"an overlong '/'", "Disk\xC0\xAF"},
            {"a lone surrogate (U+D800) encoded directly", "Disk\xED\xA0\x80"},
            {"a sequence cut at the end of the value", "Disk\xE2\x82"},
        };
        const std::string valid = webhookBody({diskAlert("00000000000bad02", "PLACEHOLDER", "critical")});
        for (const auto& [what, value] : invalid)
        {
            HttpResult result = gateway.post(replaced(valid, "PLACEHOLDER", value));
            CPPUNIT_ASSERT_EQUAL_MESSAGE(what + ": " + result.body, 400, result.status);
            CPPUNIT_ASSERT_MESSAGE(what + ": " + result.body, contains(result.body, "not valid UTF-8"));
        }
        // The escape form of a lone surrogate is valid UTF-8 but can never become UTF-8 text.
        HttpResult result = gateway.post(replaced(valid, "PLACEHOLDER", "Disk\\ud800"));
        CPPUNIT_ASSERT_EQUAL_MESSAGE(result.body, 400, result.status);
        CPPUNIT_ASSERT_MESSAGE(result.body, contains(result.body, "invalid JSON"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), gateway.countRows("notifications"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), gateway.countRows("alerts"));
    }

    void testANameWithNulIsRefusedAndNothingIsStored()
    {
        TestGateway gateway;
        gateway.start();
        // Cut at the NUL by the JSON parser, the second name would replace the alert's real severity.
        TestAlert alert = diskAlert("00000000000bad04", "pi:9100", "info");
        alert.labels["severity" + kNul + "x"] = "critical";
        HttpResult result = gateway.post(webhookBody({alert}));
        CPPUNIT_ASSERT_EQUAL_MESSAGE(result.body, 400, result.status);
        CPPUNIT_ASSERT_MESSAGE(result.body, contains(result.body, "a name holds NUL"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), gateway.countRows("notifications"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), gateway.countRows("alerts"));
    }

private:
    static bool delivered(const TestGateway& gateway)
    {
        auto slack = gateway.outbox("slack");
        auto email = gateway.outbox("email");
        return slack.size() == 1 && slack.front().state == "delivered" && email.size() == 1 &&
               email.front().state == "delivered";
    }

    static void assertStoredByteExact(const TestGateway& gateway, const TestAlert& alert,
                                      const std::string& body)
    {
        CPPUNIT_ASSERT(gateway.texts("SELECT payload FROM notifications") == std::vector<std::string>{body});
        for (const auto& [name, value] : alert.labels)
        {
            auto stored = gateway.texts("SELECT value FROM alert_labels WHERE name = '" + name + "'");
            CPPUNIT_ASSERT_EQUAL_MESSAGE(name, std::size_t(1), stored.size());
            CPPUNIT_ASSERT_MESSAGE(name, stored.front() == value);
        }
        for (const auto& column : {"annotations", "labels"})
        {
            auto stored = parseObject(gateway.texts(std::string("SELECT ") + column + " FROM alerts").at(0));
            const auto& expected = std::string(column) == "labels" ? alert.labels : alert.annotations;
            CPPUNIT_ASSERT_EQUAL(expected.size(), stored->size());
            for (const auto& [name, value] : expected)
                CPPUNIT_ASSERT_MESSAGE(name, stored->getValue<std::string>(name) == value);
        }
    }

    static void assertHistoryShowsThem(TestGateway& gateway, const TestAlert& alert)
    {
        // The SQL text as a filter value is a value like any other: it finds the alert.
        CommandResult history = gateway.history({"--format", "json", "--label", "sql=" + kSql});
        CPPUNIT_ASSERT_EQUAL_MESSAGE(history.err, 0, history.exitCode);
        auto events = parseArray(history.out);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), events->size());
        auto event = events->getObject(0);
        CPPUNIT_ASSERT_EQUAL(kAlertname, event->getValue<std::string>("alertname"));
        for (const auto& [name, value] : alert.labels)
            CPPUNIT_ASSERT_MESSAGE(name, event->getObject("labels")->getValue<std::string>(name) == value);
        for (const auto& [name, value] : alert.annotations)
            CPPUNIT_ASSERT_MESSAGE(name,
                                   event->getObject("annotations")->getValue<std::string>(name) == value);
    }

    static void assertEmailHarmless(const FakeSmtpServer& smtp, const std::string& description)
    {
        CPPUNIT_ASSERT(smtp.waitForMessages(1, 20000));
        auto message = smtp.messages().front();
        CPPUNIT_ASSERT(message.rcptTos == std::vector<std::string>{"oncall@example.com"});
        CPPUNIT_ASSERT_MESSAGE(message.raw.substr(0, 2000), headerNames(message.raw) == kExpectedHeaders);
        CPPUNIT_ASSERT_MESSAGE(message.raw.substr(0, 2000), contains(message.raw, "\r\nSubject: =?UTF-8?B?"));

        ParsedMail mail = parseMail(message.file);
        CPPUNIT_ASSERT_MESSAGE(mail.defects.empty() ? "" : mail.defects.front(), mail.defects.empty());
        CPPUNIT_ASSERT_EQUAL(kExpectedSubject, mail.subject);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), mail.parts.size());
        const std::string& text = mail.parts[0].text;
        const std::string& html = mail.parts[1].text;
        CPPUNIT_ASSERT(contains(text, "Summary:     " + kSummary + "\n"));
        CPPUNIT_ASSERT(contains(text, "Description: " + description + "\n"));
        CPPUNIT_ASSERT(contains(html, "before" + kNul +
                                          "after &lt;!channel&gt; &lt;!here&gt; &lt;@U123&gt; "
                                          "&lt;https://evil.example|click&gt; &amp;amp;"));
        CPPUNIT_ASSERT(contains(html, "&lt;b&gt;&amp;&lt;/b&gt;"));
        CPPUNIT_ASSERT(!contains(html, "<!channel>"));
        for (const auto& rendered : {mail.subject, text, html})
            CPPUNIT_ASSERT(!contains(rendered, kRlo));
        CPPUNIT_ASSERT(!contains(html, "<b>"));
    }

    static void assertSlackHarmless(const FakeSlackServer& slack)
    {
        auto requests = slack.requests();
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), requests.size());
        auto payload = parseObject(requests.front().body);
        std::string text = payload->getValue<std::string>("text");
        assertSlackSafe("text", text);
        auto attachments = payload->getArray("attachments");
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), attachments->size());
        auto attachment = attachments->getObject(0);
        for (const char* field : {"fallback", "title", "text"})
            assertSlackSafe(field, attachment->getValue<std::string>(field));
        std::string alertText = attachment->getValue<std::string>("text");
        CPPUNIT_ASSERT_MESSAGE(
            alertText.substr(0, 500),
            contains(alertText, "&lt;!channel&gt; &lt;@U123&gt; &amp;&lt;&gt; [U+202E]txt.exe"));
        CPPUNIT_ASSERT_MESSAGE(alertText.substr(0, 500),
                               contains(alertText, "before" + kNul + "after &lt;!channel&gt;"));
        CPPUNIT_ASSERT_MESSAGE(alertText.substr(alertText.size() - 200),
                               contains(alertText, "Slack's size limit"));
        CPPUNIT_ASSERT(requests.front().body.size() < 100000);
        CPPUNIT_ASSERT(!contains(text, kRlo) && !contains(alertText, kRlo));
    }

    static void assertTablesIntact(const TestGateway& gateway)
    {
        CPPUNIT_ASSERT(gateway.texts("PRAGMA integrity_check") == std::vector<std::string>{"ok"});
        for (const char* table : {"notifications", "alerts", "alert_events"})
            CPPUNIT_ASSERT_EQUAL_MESSAGE(table, std::int64_t(1), gateway.countRows(table));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(5), gateway.countRows("alert_labels"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(2), gateway.countRows("outbox"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(HostileLabelsTest);

} // namespace AlertGate::Test
