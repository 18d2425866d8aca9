#include "notify/slack/SlackChannel.h"

#include "notify/RetryAfter.h"
#include "notify/TlsContext.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/NumberParser.h>
#include <Poco/StreamCopier.h>
#include <Poco/String.h>

#include <memory>

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

// The webhook URL is a credential: it never appears in a log line or an error text.
std::unique_ptr<Poco::Net::HTTPClientSession> session(const Poco::URI& url,
                                                      const Poco::Net::Context::Ptr& tls)
{
    if (url.getScheme() == "https")
        return std::make_unique<Poco::Net::HTTPSClientSession>(url.getHost(), url.getPort(), tls);
    return std::make_unique<Poco::Net::HTTPClientSession>(url.getHost(), url.getPort());
}

} // namespace

SlackChannel::SlackChannel(const Settings::Slack& settings, SlackMessage message, const Clock& clock)
    : _url(settings.webhookUrl), _timeoutMs(settings.timeoutMs), _tls(TlsContext::client(settings.caFile)),
      _message(std::move(message)), _clock(clock)
{
}

DeliveryResult SlackChannel::deliver(const Notification& notification, const std::vector<Alert>& alerts)
{
    return post(_message.render(notification, alerts, _clock.nowMicros()));
}

DeliveryResult SlackChannel::post(const std::string& json)
{
    try
    {
        auto http = session(_url, _tls);
        http->setTimeout(Poco::Timespan(_timeoutMs * 1000));
        Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, _url.getPathEtc(),
                                       Poco::Net::HTTPMessage::HTTP_1_1);
        request.setContentType("application/json; charset=utf-8");
        request.setContentLength64(static_cast<Poco::Int64>(json.size()));
        request.set("User-Agent", "alertgate");
        http->sendRequest(request) << json;
        HTTPResponse response;
        std::istream& body = http->receiveResponse(response);
        std::string answer(static_cast<std::size_t>(kMaxAnswer), '\0');
        body.read(&answer[0], kMaxAnswer);
        answer.resize(static_cast<std::size_t>(body.gcount()));
        return classify(response, Poco::trim(answer));
    }
    catch (const Poco::Exception& e)
    {
        return DeliveryResult::retry("cannot reach Slack: " + e.displayText());
    }
}

} // namespace AlertGate
