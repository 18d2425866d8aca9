#include "alertmanager/AlertmanagerClient.h"

#include "alertmanager/AlertmanagerError.h"
#include "core/Printable.h"
#include "notify/TlsContext.h"

#include <Poco/Net/HTTPBasicCredentials.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/URI.h>

#include <memory>

namespace AlertGate {

namespace {

// Thousands of alerts are a few MiB; far more is not an answer to keep in memory.
constexpr std::size_t MAX_ANSWER_BYTES = 64 * 1024 * 1024;

std::unique_ptr<Poco::Net::HTTPClientSession> sessionFor(const Poco::URI& uri, const std::string& caFile)
{
    if (uri.getScheme() == "https")
        return std::make_unique<Poco::Net::HTTPSClientSession>(uri.getHost(), uri.getPort(),
                                                               TlsContext::client(caFile));
    if (uri.getScheme() == "http")
        return std::make_unique<Poco::Net::HTTPClientSession>(uri.getHost(), uri.getPort());
    throw AlertmanagerError("not an http or https URL");
}

std::string readBounded(std::istream& in)
{
    std::string body;
    char buffer[16384];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0)
    {
        body.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (body.size() > MAX_ANSWER_BYTES)
            throw AlertmanagerError("answer larger than " + std::to_string(MAX_ANSWER_BYTES) + " bytes");
    }
    return body;
}

std::string alertsPath(const Poco::URI& base)
{
    std::string path = base.getPath();
    while (!path.empty() && path.back() == '/')
        path.pop_back();
    return path + "/api/v2/alerts";
}

} // namespace

AlertmanagerClient::AlertmanagerClient(Options options) : _options(std::move(options)) {}

AlertmanagerAlerts AlertmanagerClient::fetch() const
{
    std::string failures;
    for (const auto& url : _options.urls)
    {
        try
        {
            return fetchFrom(url);
        }
        catch (const AlertmanagerError& e)
        {
            failures += (failures.empty() ? "" : "; ") + url + ": " + e.what();
        }
        catch (const Poco::Exception& e)
        {
            failures += (failures.empty() ? "" : "; ") + url + ": " + e.displayText();
        }
    }
    throw AlertmanagerError(failures.empty() ? "no Alertmanager URL configured" : failures);
}

AlertmanagerAlerts AlertmanagerClient::fetchFrom(const std::string& url) const
{
    Poco::URI base(url);
    auto session = sessionFor(base, _options.caFile);
    session->setTimeout(Poco::Timespan(std::chrono::microseconds(_options.timeout).count()));
    session->setKeepAlive(false);
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, alertsPath(base),
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    request.set("Accept", "application/json");
    if (!_options.bearerToken.empty())
        request.setCredentials("Bearer", _options.bearerToken);
    else if (!_options.username.empty())
        Poco::Net::HTTPBasicCredentials(_options.username, _options.password).authenticate(request);
    session->sendRequest(request);
    Poco::Net::HTTPResponse response;
    std::istream& in = session->receiveResponse(response);
    std::string body = readBounded(in);
    if (response.getStatus() != Poco::Net::HTTPResponse::HTTP_OK)
        throw AlertmanagerError("HTTP " + std::to_string(response.getStatus()) + ": " + printable(body, 120));
    return AlertmanagerAlerts::parse(body);
}

} // namespace AlertGate
