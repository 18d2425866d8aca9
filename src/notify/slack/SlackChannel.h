#pragma once

#include "config/Settings.h"
#include "core/Clock.h"
#include "notify/Channel.h"
#include "notify/slack/SlackHttps.h"
#include "notify/slack/SlackMessage.h"

#include <Poco/URI.h>

namespace AlertGate {

/// Slack Incoming Webhooks over HTTPS. Slack answers exactly "ok" on success; 429 carries
/// Retry-After; 5xx and network trouble are worth retrying; any other answer (invalid_payload,
/// invalid_token, no_service, channel_is_archived, ...) will not change by retrying.
class SlackChannel : public Channel
{
public:
    SlackChannel(const Settings::Slack& settings, SlackMessage message, const Clock& clock);

    const std::string& name() const override { return _name; }
    DeliveryResult deliver(const Notification& notification, const std::vector<Alert>& alerts) override;

    DeliveryResult post(const std::string& json);
    /// Sends one payload and classifies Slack's answer (also for `alertgate test-notify slack`).

    void abort() override { _https.abort(); }

private:
    std::string _name = "slack";
    Poco::URI _url;
    SlackHttps _https;
    SlackMessage _message;
    const Clock& _clock;
};

} // namespace AlertGate
