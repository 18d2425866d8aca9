#include "notify/Channels.h"

#include "config/ConfigError.h"
#include "core/ValueError.h"
#include "notify/TlsContext.h"
#include "notify/email/EmailChannel.h"
#include "notify/slack/SlackAppChannel.h"
#include "notify/slack/SlackChannel.h"

#include <functional>
#include <stdexcept>

namespace AlertGate {

namespace {

// Runs build; a template or TLS problem becomes "FILE: KEY: REASON" for that channel's key.
template <typename Build> auto configured(const Settings& s, const std::string& key, Build build)
{
    try
    {
        return build();
    }
    catch (const ValueError& e)
    {
        throw ConfigError({(s.sourceFile.empty() ? std::string("(defaults)") : s.sourceFile) + ": " + key +
                           ": " + e.what()});
    }
    catch (const Poco::Exception& e)
    {
        throw ConfigError({(s.sourceFile.empty() ? std::string("(defaults)") : s.sourceFile) + ": " + key +
                           ": " + e.displayText()});
    }
}

std::vector<Router::Route> routes(const Settings& s)
{
    std::vector<Router::Route> result;
    if (s.slack.enabled())
        result.push_back({"slack", Matcher::parseList(s.slack.matchers), s.slack.sendResolved});
    if (s.email.enabled())
        result.push_back({"email", Matcher::parseList(s.email.matchers), s.email.sendResolved});
    return result;
}

std::unique_ptr<Channel> slack(const Settings& s, const Clock& clock)
{
    SlackMessage message(
        configured(
            s, "slack.title_template",
            [&] { return Template::load(s.slack.titleTemplate, "slack-title", Template::Escape::Slack); }),
        configured(s, "slack.alert_template", [&] {
            return Template::load(s.slack.alertTemplate, "slack-alert", Template::Escape::Slack);
        }));
    if (s.slack.appMode())
        return configured(s, "slack.ca_file", [&]() -> std::unique_ptr<Channel> {
            return std::make_unique<SlackAppChannel>(s.slack, s.store, std::move(message), clock);
        });
    return configured(s, "slack.ca_file", [&]() -> std::unique_ptr<Channel> {
        return std::make_unique<SlackChannel>(s.slack, std::move(message), clock);
    });
}

std::unique_ptr<Channel> email(const Settings& s, const Clock& clock)
{
    EmailChannel::Templates templates{
        configured(
            s, "email.subject_template",
            [&] { return Template::load(s.email.subjectTemplate, "email-subject", Template::Escape::None); }),
        configured(
            s, "email.text_template",
            [&] { return Template::load(s.email.textTemplate, "email-text", Template::Escape::None); }),
        configured(s, "email.html_template", [&] {
            return Template::load(s.email.htmlTemplate, "email-html", Template::Escape::Html);
        })};
    return configured(s, "email.ca_file",
                      [&] { return std::make_unique<EmailChannel>(s.email, std::move(templates), clock); });
}

} // namespace

Channels::Channels(const Settings& settings, const Clock& clock)
    : _router(routes(settings), settings.heartbeat.alertname)
{
    TlsContext::initialize();
    if (settings.slack.enabled())
        _channels.push_back(slack(settings, clock));
    if (settings.email.enabled())
        _channels.push_back(email(settings, clock));
}

Channel* Channels::find(const std::string& name) const
{
    for (const auto& channel : _channels)
        if (channel->name() == name)
            return channel.get();
    return nullptr;
}

} // namespace AlertGate
