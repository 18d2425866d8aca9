// libFuzzer target: the notification templates. Each input is used twice:
// - as a webhook body: when it parses, it goes through the built-in Slack and e-mail templates
//   exactly as a delivery would (SlackMessage, EmailChannel::message, MimeMessage::compose), and
//   the results must still be a Slack JSON object and a 7-bit e-mail with short CRLF lines;
// - as template text: compiled with each escaping and rendered against a real Alertmanager
//   notification (one of the fixtures), both for the message and for an alert.
// Expected refusals are PayloadError and ValueError (an invalid template); any other
// exception, a crash or a sanitizer report is a finding.
#include "Fixtures.h"
#include "FuzzCheck.h"
#include "FuzzTargets.h"

#include "config/Settings.h"
#include "core/Clock.h"
#include "core/PayloadError.h"
#include "core/PayloadParser.h"
#include "core/Utf8.h"
#include "core/ValueError.h"
#include "notify/Template.h"
#include "notify/TemplateData.h"
#include "notify/email/EmailChannel.h"
#include "notify/slack/SlackMessage.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace AlertGate::Fuzz {

namespace {

// A fixed "now" (2026-11-23T08:00:00Z), so a finding reproduces whatever the day.
class FixedClock : public Clock
{
public:
    std::int64_t nowMicros() const override { return 1795420800LL * 1000000; }
};

const Clock& fixedClock()
{
    static const FixedClock clock;
    return clock;
}

SlackMessage defaultSlackMessage()
{
    return SlackMessage(Template::load("", "slack-title", Template::Escape::Slack),
                        Template::load("", "slack-alert", Template::Escape::Slack));
}

Settings::Email emailSettings()
{
    Settings::Email email;
    email.smtpHost = "mail.example.org";
    email.from = "alertgate@example.org";
    email.to = {"ops@example.org", "oncall@example.org"};
    return email;
}

EmailChannel& defaultEmailChannel()
{
    static const Settings::Email settings = emailSettings();
    static EmailChannel channel(settings,
                                {Template::load("", "email-subject", Template::Escape::None),
                                 Template::load("", "email-text", Template::Escape::None),
                                 Template::load("", "email-html", Template::Escape::Html)},
                                fixedClock());
    return channel;
}

const std::vector<Notification>& fixtureNotifications()
{
    static const std::vector<Notification> notifications = [] {
        std::vector<Notification> parsed;
        for (const auto& name : Test::fixtureNames())
            parsed.push_back(PayloadParser::parse(Test::loadFixture(name).body));
        return parsed;
    }();
    return notifications;
}

void checkSlackPayload(const std::string& json)
{
    requireThat(isValidUtf8(json), "the Slack payload is UTF-8");
    auto root = Poco::JSON::Parser().parse(json);
    requireThat(root.type() == typeid(Poco::JSON::Object::Ptr), "the Slack payload is a JSON object");
}

// RFC 5322: CRLF line ends only, lines of at most 998 octets; our encoder also keeps it 7-bit.
void checkMail(const std::string& mail)
{
    std::size_t lineStart = 0;
    for (std::size_t i = 0; i < mail.size(); ++i)
    {
        auto c = static_cast<unsigned char>(mail[i]);
        requireThat(c != 0 && c < 0x80, "the e-mail is 7-bit without NUL");
        requireThat(c != '\r' || (i + 1 < mail.size() && mail[i + 1] == '\n'), "no bare CR in the e-mail");
        requireThat(c != '\n' || (i > 0 && mail[i - 1] == '\r'), "no bare LF in the e-mail");
        if (c == '\n')
        {
            requireThat(i - lineStart - 1 <= 998, "e-mail lines are at most 998 octets");
            lineStart = i + 1;
        }
    }
}

void renderDefaults(const std::string& body)
{
    Notification notification;
    try
    {
        notification = PayloadParser::parse(body);
    }
    catch (const PayloadError&)
    {
        return;
    }
    static const SlackMessage slack = defaultSlackMessage();
    checkSlackPayload(slack.render(notification, notification.alerts, fixedClock().nowMicros()));
    checkMail(defaultEmailChannel().message(notification, notification.alerts).compose());
}

// The message is rendered with the fixture's first alert only: with n alerts, k nested
// {{#alerts}} sections render n^k times, as Mustache defines them, and the template is the
// operator's own file, not hostile input. One alert keeps every path and the cost linear.
void renderAsTemplate(const std::string& text)
{
    const auto& fixtures = fixtureNotifications();
    const Notification& notification = fixtures[text.size() % fixtures.size()];
    std::vector<Alert> firstAlert(notification.alerts.begin(),
                                  notification.alerts.begin() + (notification.alerts.empty() ? 0 : 1));
    std::int64_t now = fixedClock().nowMicros();
    for (auto escape : {Template::Escape::None, Template::Escape::Html, Template::Escape::Slack})
    {
        try
        {
            Template fuzzed(text, escape, "fuzz input");
            fuzzed.render(TemplateData::message(notification, firstAlert, now));
            if (!firstAlert.empty())
                fuzzed.render(TemplateData::alert(notification, firstAlert.front(), now));
        }
        catch (const ValueError&)
        {
            // Not a valid template: check-config reports it with the key that names the file.
        }
    }
}

} // namespace

void fuzzTemplate(const std::string& input)
{
    renderDefaults(input);
    renderAsTemplate(input);
}

} // namespace AlertGate::Fuzz
