#include "notify/slack/SlackHttps.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/SecureStreamSocket.h>

namespace AlertGate {

SlackHttps::SlackHttps(Poco::Net::Context::Ptr tls, std::chrono::milliseconds timeout)
    : _tls(std::move(tls)), _timeout(timeout)
{
}

// POCO's HTTPSClientSession connects by itself, with a lookup that abort() cannot end (and it refuses a
// connected socket): a plain session is given the TLS connection instead, which Connector made and whose
// handshake checked the certificate against the host name. With no host of its own, it never reconnects.
std::string SlackHttps::post(const Poco::URI& url, const std::string& json, const Headers& headers,
                             std::streamsize maxAnswer, Poco::Net::HTTPResponse& response)
{
    Connector::Release tracked(_connector);
    Poco::Net::StreamSocket socket = _connector.connect(url.getHost(), url.getPort(), _timeout);
    Poco::Net::HTTPClientSession http(Poco::Net::SecureStreamSocket::attach(socket, url.getHost(), _tls));
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, url.getPathEtc(),
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    request.setHost(url.getHost(), url.getPort());
    request.setContentType("application/json; charset=utf-8");
    request.setContentLength64(static_cast<Poco::Int64>(json.size()));
    request.set("User-Agent", "alertgate");
    for (const auto& [name, value] : headers)
        request.set(name, value);
    http.sendRequest(request) << json;
    std::istream& body = http.receiveResponse(response);
    std::string answer(static_cast<std::size_t>(maxAnswer), '\0');
    body.read(&answer[0], maxAnswer);
    answer.resize(static_cast<std::size_t>(body.gcount()));
    return answer;
}

DeliveryResult SlackHttps::unreachable(const Poco::Exception& e) const
{
    if (aborted())
        return DeliveryResult::retry("stopping: the attempt to reach Slack was ended");
    return DeliveryResult::retry("cannot reach Slack: " + e.displayText());
}

} // namespace AlertGate
