#include "notify/slack/SlackMessage.h"

#include "core/Rfc3339.h"
#include "notify/TemplateData.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <sstream>

namespace AlertGate {

namespace {

const std::string kCutNote = "\n… (cut by alertgate: Slack's size limit)";

std::size_t utf8Length(const std::string& text)
{
    std::size_t count = 0;
    for (unsigned char c : text)
        count += (c & 0xC0) != 0x80;
    return count;
}

// The escaped text must not be cut inside "&amp;", "&lt;" or "&gt;": Slack would show the stub ("&am")
// as text. Returns where to cut instead: before the entity's '&' when the cut falls inside one.
std::size_t outsideEntity(const std::string& text, std::size_t cut)
{
    constexpr std::size_t kLongestEntity = 5; // "&amp;"
    if (cut == 0)
        return cut;
    std::size_t amp = text.rfind('&', cut - 1);
    if (amp == std::string::npos || cut - amp >= kLongestEntity)
        return cut;
    return text.find(';', amp) < cut ? cut : amp;
}

// Only web links become clickable; anything else (javascript:, labels) is left out.
std::string webLink(const std::string& url)
{
    return url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0 ? url : std::string();
}

Poco::JSON::Object::Ptr attachment(const Alert& alert, const std::string& text, const std::string& link)
{
    auto a = Poco::makeShared<Poco::JSON::Object>(Poco::JSON_PRESERVE_KEY_ORDER);
    std::string title =
        "[" + std::string(alert.firing() ? "FIRING" : "RESOLVED") + "] " + alert.label("alertname");
    a->set("color", TemplateData::colour(alert));
    a->set("fallback", escapeSlack(title));
    a->set("title", cutToChars(escapeSlack(title), 250, "…"));
    if (!webLink(link).empty())
        a->set("title_link", webLink(link));
    a->set("text", text);
    Poco::JSON::Array markdownIn;
    markdownIn.add("text");
    a->set("mrkdwn_in", markdownIn);
    if (auto started = Rfc3339::parseMicros(alert.startsAt))
        a->set("ts", *started / 1000000);
    return a;
}

} // namespace

std::string cutToChars(const std::string& text, std::size_t maxChars, const std::string& note)
{
    if (utf8Length(text) <= maxChars)
        return text;
    std::size_t keep = maxChars > utf8Length(note) ? maxChars - utf8Length(note) : 0;
    std::size_t bytes = 0, chars = 0;
    while (bytes < text.size() && chars < keep)
    {
        ++bytes;
        while (bytes < text.size() && (static_cast<unsigned char>(text[bytes]) & 0xC0) == 0x80)
            ++bytes;
        ++chars;
    }
    return text.substr(0, outsideEntity(text, bytes)) + note;
}

SlackMessage::SlackMessage(Template title, Template alert)
    : _title(std::move(title)), _alert(std::move(alert))
{
}

std::string SlackMessage::render(const Notification& n, const std::vector<Alert>& alerts,
                                 std::int64_t nowMicros) const
{
    std::string text =
        cutToChars(_title.render(TemplateData::message(n, alerts, nowMicros)), kMaxFieldChars, kCutNote);
    std::size_t budget = kMaxTotalChars - utf8Length(text);
    Poco::JSON::Array attachments;
    std::size_t shown = 0;
    for (const auto& alert : alerts)
    {
        std::string body =
            cutToChars(_alert.render(TemplateData::alert(n, alert, nowMicros)), kMaxFieldChars, kCutNote);
        if (utf8Length(body) + 300 > budget || shown == 99)
            break;
        budget -= utf8Length(body) + 300;
        attachments.add(
            attachment(alert, body, alert.generatorURL.empty() ? n.externalURL : alert.generatorURL));
        ++shown;
    }
    if (shown < alerts.size())
        text += "\n" + std::to_string(alerts.size() - shown) +
                " more alerts not shown (Slack's size limit); see " + escapeSlack(n.externalURL);
    Poco::JSON::Object payload(Poco::JSON_PRESERVE_KEY_ORDER);
    payload.set("text", text);
    payload.set("attachments", attachments);
    std::ostringstream json;
    payload.stringify(json);
    return json.str();
}

} // namespace AlertGate
