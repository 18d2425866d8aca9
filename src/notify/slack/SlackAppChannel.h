#pragma once

#include "config/Settings.h"
#include "core/Clock.h"
#include "notify/Channel.h"
#include "notify/slack/SlackHttps.h"
#include "notify/slack/SlackMessage.h"
#include "store/SlackMessageStore.h"

#include <Poco/URI.h>

#include <memory>
#include <optional>

namespace AlertGate {

class Database;

/// Slack app mode: a bot token and a channel, through Slack's Web API. The first message of an alert
/// group's firing episode is posted (chat.postMessage) and its channel and ts are stored with the
/// group; every later change of that episode updates that message (chat.update) and, with
/// thread_replies, adds a short reply in its thread. A new episode after a full resolution posts a new
/// message. Slack answers HTTP 200 with "ok": false and an error code: ratelimited is retried after
/// Retry-After, credentials and channel errors are dead with the reason, message_not_found and
/// cant_update_message post the message anew.
class SlackAppChannel : public Channel
{
public:
    SlackAppChannel(const Settings::Slack& slack, const Settings::Store& store, SlackMessage message,
                    const Clock& clock);
    ~SlackAppChannel() override;

    const std::string& name() const override { return _name; }
    DeliveryResult deliver(const Notification& notification, const std::vector<Alert>& alerts) override;
    /// Posts a message of its own (no episode: `alertgate test-notify slack`).
    DeliveryResult deliverInEpisode(const Notification& notification, const std::vector<Alert>& alerts,
                                    const Episode& episode) override;

    /// One Web API call's outcome.
    struct Answer
    {
        bool ok = false;
        std::string error;   /// Slack's error code, or "" for a transport or HTTP failure.
        std::string channel; /// Of the message (an id, C…), when ok.
        std::string ts;
        DeliveryResult result; /// What the call means for the delivery.
    };

    Answer call(const std::string& method, const std::string& json);
    /// POSTs json to <api_url>/<method> with the bot token and classifies Slack's answer.

    void abort() override { _https.abort(); }

private:
    std::string payload(const Notification& notification, const std::vector<Alert>& alerts,
                        const std::optional<SlackMessageRef>& message) const;
    std::string reply(const Notification& notification, const std::string& ts,
                      const std::string& channel) const;
    Database& database();

    std::string _name = "slack";
    const Settings::Slack& _settings;
    const Settings::Store& _store;
    SlackHttps _https;
    SlackMessage _message;
    const Clock& _clock;
    std::unique_ptr<Database> _db;
};

} // namespace AlertGate
