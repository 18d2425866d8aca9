#include "notify/slack/SlackChannel.h"

#include "notify/RetryAfter.h"
#include "notify/TlsContext.h"

#include <Poco/Net/HTTPResponse.h>
#include <Poco/String.h>

namespace AlertGate {

namespace {

using Poco::Net::HTTPResponse;

constexpr std::streamsize kMaxAnswer = 4096;

DeliveryResult classify(const HTTPResponse& response, const std::string& answer)
{
    int status = response.getStatus();
    std::string what = "HTTP " + std::to_string(status) + " " + answer;
    if (status == HTTPResponse::HTTP_OK && answer == "ok")
        return DeliveryResult::delivered(what);
    if (status == HTTPResponse::HTTP_TOO_MANY_REQUESTS)
        return DeliveryResult::retry(what, retryAfter(response));
    if (status >= 500 || status == HTTPResponse::HTTP_OK || status == HTTPResponse::HTTP_REQUEST_TIMEOUT)
        return DeliveryResult::retry(what);
    return DeliveryResult::dead(what);
}

} // namespace

SlackChannel::SlackChannel(const Settings::Slack& settings, SlackMessage message, const Clock& clock)
    : _url(settings.webhookUrl),
      _https(TlsContext::client(settings.caFile), std::chrono::milliseconds(settings.timeoutMs)),
      _message(std::move(message)), _clock(clock)
{
}

DeliveryResult SlackChannel::deliver(const Notification& notification, const std::vector<Alert>& alerts)
{
    return post(_message.render(notification, alerts, _clock.nowMicros()));
}

// The webhook URL is a credential: it never appears in a log line or an error text.
DeliveryResult SlackChannel::post(const std::string& json)
{
    try
    {
        HTTPResponse response;
        std::string answer = _https.post(_url, json, {}, kMaxAnswer, response);
        return classify(response, Poco::trim(answer));
    }
    catch (const Poco::Exception& e)
    {
        return _https.unreachable(e);
    }
}

} // namespace AlertGate
