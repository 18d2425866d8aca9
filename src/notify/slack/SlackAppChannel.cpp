#include "notify/slack/SlackAppChannel.h"

#include "notify/RetryAfter.h"
#include "notify/TlsContext.h"
#include "store/Database.h"
#include "store/SlackMessageStore.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/String.h>

#include <set>
#include <sstream>

namespace AlertGate {

namespace {

using Poco::Net::HTTPResponse;

constexpr std::streamsize kMaxAnswer = 65536;

// Errors that no retry can mend: the token, the app's membership, the channel, or the message itself.
bool permanent(const std::string& error)
{
    static const std::set<std::string> errors = {
        "invalid_auth",      "not_authed",     "account_inactive",  "token_revoked",    "token_expired",
        "channel_not_found", "not_in_channel", "is_archived",       "msg_too_long",     "invalid_blocks",
        "missing_scope",     "no_permission",  "restricted_action", "invalid_arguments"};
    return errors.count(error) > 0;
}

std::string stringify(const Poco::JSON::Object& object)
{
    std::ostringstream json;
    object.stringify(json);
    return json.str();
}

} // namespace

SlackAppChannel::SlackAppChannel(const Settings::Slack& slack, const Settings::Store& store,
                                 SlackMessage message, const Clock& clock)
    : _settings(slack), _store(store),
      _https(TlsContext::client(slack.caFile), std::chrono::milliseconds(slack.timeoutMs)),
      _message(std::move(message)), _clock(clock)
{
}

SlackAppChannel::~SlackAppChannel() = default;

Database& SlackAppChannel::database()
{
    if (!_db)
        _db = std::make_unique<Database>(_store.path, Database::Mode::ReadWrite, _store.busyTimeoutMs);
    return *_db;
}

// The webhook mode's message (text and attachments, rendered by the same templates), with the channel
// and, for chat.update, the message's channel id and ts.
std::string SlackAppChannel::payload(const Notification& notification, const std::vector<Alert>& alerts,
                                     const std::optional<SlackMessageRef>& message) const
{
    auto body = Poco::JSON::Parser()
                    .parse(_message.render(notification, alerts, _clock.nowMicros()))
                    .extract<Poco::JSON::Object::Ptr>();
    // chat.update needs the conversation's id, which Slack gave with the post; a post takes the name.
    body->set("channel", message ? message->channel : _settings.channel);
    if (message)
        body->set("ts", message->ts);
    return stringify(*body);
}

// A short reply in the message's thread: what changed, in words of our own (no label text).
std::string SlackAppChannel::reply(const Notification& notification, const std::string& ts,
                                   const std::string& channel) const
{
    std::size_t firing = 0;
    std::size_t resolved = 0;
    for (const auto& alert : notification.alerts)
        (alert.status == "firing" ? firing : resolved)++;
    Poco::JSON::Object body(Poco::JSON_WRAP_STRINGS);
    body.set("channel", channel);
    body.set("thread_ts", ts);
    body.set("text", notification.status == "resolved" ? std::string("Resolved.")
                                                       : "Firing: " + std::to_string(firing) +
                                                             ", resolved: " + std::to_string(resolved) + ".");
    return stringify(body);
}

SlackAppChannel::Answer SlackAppChannel::call(const std::string& method, const std::string& json)
{
    Answer answer;
    try
    {
        HTTPResponse response;
        std::string text =
            _https.post(Poco::URI(_settings.apiUrl + "/" + method), json,
                        {{"Authorization", "Bearer " + _settings.botToken}}, kMaxAnswer, response);
        const int status = response.getStatus();
        const std::string what = method + ": HTTP " + std::to_string(status);
        if (status == HTTPResponse::HTTP_TOO_MANY_REQUESTS)
        {
            answer.error = "ratelimited";
            answer.result = DeliveryResult::retry(what + " ratelimited", retryAfter(response));
            return answer;
        }
        if (status != HTTPResponse::HTTP_OK)
        {
            answer.result = status >= 500 ? DeliveryResult::retry(what) : DeliveryResult::dead(what);
            return answer;
        }
        Poco::JSON::Object::Ptr body;
        try
        {
            body = Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
        }
        catch (const Poco::Exception&)
        {
            answer.result = DeliveryResult::retry(what + " with an answer that is not a JSON object");
            return answer;
        }
        answer.ok = body->optValue<bool>("ok", false);
        answer.error = body->optValue<std::string>("error", answer.ok ? "" : "unknown_error");
        answer.channel = body->optValue<std::string>("channel", "");
        answer.ts = body->optValue<std::string>("ts", "");
        if (answer.ok)
            answer.result = DeliveryResult::delivered(method + ": ok ts=" + answer.ts);
        else if (answer.error == "ratelimited" || answer.error == "rate_limited")
            answer.result = DeliveryResult::retry(method + ": " + answer.error, retryAfter(response));
        else if (permanent(answer.error))
            answer.result = DeliveryResult::dead(method + ": " + answer.error);
        else
            answer.result = DeliveryResult::retry(method + ": " + answer.error);
    }
    catch (const Poco::Exception& e)
    {
        answer.result = _https.unreachable(e);
    }
    return answer;
}

DeliveryResult SlackAppChannel::deliver(const Notification& notification, const std::vector<Alert>& alerts)
{
    return call("chat.postMessage", payload(notification, alerts, std::nullopt)).result;
}

DeliveryResult SlackAppChannel::deliverInEpisode(const Notification& notification,
                                                 const std::vector<Alert>& alerts, const Episode& episode)
{
    SlackMessageStore messages(database());
    if (auto existing = messages.find(episode.groupKey, episode.firstNotificationId))
    {
        Answer updated = call("chat.update", payload(notification, alerts, existing));
        if (updated.ok)
        {
            if (!_settings.threadReplies)
                return updated.result;
            Answer replied = call("chat.postMessage", reply(notification, existing->ts, existing->channel));
            return replied.ok ? DeliveryResult::delivered(updated.result.detail + "; thread reply ok")
                              : replied.result;
        }
        // Deleted, or too old to edit: the episode gets a message of its own again.
        if (updated.error != "message_not_found" && updated.error != "cant_update_message")
            return updated.result;
    }
    Answer posted = call("chat.postMessage", payload(notification, alerts, std::nullopt));
    if (!posted.ok)
        return posted.result;
    // A crash before this commit posts the message once more on the retry: at most one duplicate, and
    // later changes update the one saved here.
    messages.save(episode.groupKey, episode.firstNotificationId, {posted.channel, posted.ts},
                  _clock.nowMicros());
    return posted.result;
}

} // namespace AlertGate
