#include "http/HandlerFactory.h"

#include "http/AlertsHandler.h"
#include "http/ChannelsHandler.h"
#include "http/ErrorHandler.h"
#include "http/HealthHandler.h"
#include "http/HistoryHandler.h"
#include "http/MetricsHandler.h"
#include "http/SignalsHandler.h"
#include "http/SilenceHandler.h"
#include "http/StatusPageHandler.h"
#include "http/WebhookHandler.h"

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/URI.h>

#include <functional>
#include <map>
#include <memory>

namespace AlertGate {

namespace {

using Poco::Net::HTTPResponse;
using Poco::Net::HTTPServerRequest;
using HandlerPtr = std::unique_ptr<Poco::Net::HTTPRequestHandler>;

struct Route
{
    std::string method;
    bool authenticated;
    std::function<HandlerPtr(ServerContext&)> make;
    bool needsRequestHeader = false; /// A browser-driven state change: X-Requested-By required (CSRF).
};

/// The header a cross-site form cannot send, and a cross-site script cannot send without a CORS
/// preflight that alertgate never grants.
const char* const REQUEST_HEADER = "X-Requested-By";

const std::map<std::string, Route>& routes()
{
    static const std::map<std::string, Route> table = {
        {"/api/v1/alertmanager",
         {"POST", true, [](ServerContext& c) { return std::make_unique<WebhookHandler>(c); }}},
        {"/api/v1/alerts",
         {"GET", true, [](ServerContext& c) { return std::make_unique<AlertsHandler>(c); }}},
        {"/api/v1/history",
         {"GET", true, [](ServerContext& c) { return std::make_unique<HistoryHandler>(c); }}},
        {"/api/v1/signals",
         {"GET", true, [](ServerContext& c) { return std::make_unique<SignalsHandler>(c); }}},
        {"/api/v1/silence",
         {"POST", true, [](ServerContext& c) { return std::make_unique<SilenceHandler>(c); }, true}},
        {"/api/v1/channels",
         {"GET", true, [](ServerContext& c) { return std::make_unique<ChannelsHandler>(c); }}},
        {"/",
         {"GET", true, [](ServerContext&) { return std::make_unique<StatusPageHandler>("index.html"); }}},
        {"/status.css",
         {"GET", true, [](ServerContext&) { return std::make_unique<StatusPageHandler>("status.css"); }}},
        {"/status.js",
         {"GET", true, [](ServerContext&) { return std::make_unique<StatusPageHandler>("status.js"); }}},
        {"/-/healthy",
         {"GET", false, [](ServerContext& c) { return std::make_unique<HealthHandler>(c, false); }}},
        {"/-/ready",
         {"GET", false, [](ServerContext& c) { return std::make_unique<HealthHandler>(c, true); }}},
        {"/metrics", {"GET", false, [](ServerContext& c) { return std::make_unique<MetricsHandler>(c); }}},
    };
    return table;
}

// A browser names the page that sent a request in Origin (and Sec-Fetch-Site): a state change from
// another site is refused, whatever credentials the browser attaches. Alertmanager and curl send
// neither header.
bool crossSite(const HTTPServerRequest& request)
{
    if (request.get("Sec-Fetch-Site", "") == "cross-site")
        return true;
    if (!request.has("Origin"))
        return false;
    const std::string origin = request.get("Origin");
    auto scheme = origin.find("://");
    return scheme == std::string::npos || origin.substr(scheme + 3) != request.get("Host", "");
}

HandlerPtr route(ServerContext& context, const HTTPServerRequest& request)
{
    std::string path;
    try
    {
        path = Poco::URI(request.getURI()).getPath();
    }
    catch (const Poco::SyntaxException&)
    {
        return std::make_unique<ErrorHandler>(context.metrics, Metrics::Rejection::NotFound,
                                              HTTPResponse::HTTP_BAD_REQUEST, "malformed request target");
    }
    auto found = routes().find(path);
    if (found == routes().end())
        return std::make_unique<ErrorHandler>(context.metrics, Metrics::Rejection::NotFound,
                                              HTTPResponse::HTTP_NOT_FOUND, "no such endpoint");
    const Route& r = found->second;
    if (request.getMethod() != r.method)
        return std::make_unique<ErrorHandler>(context.metrics, Metrics::Rejection::MethodNotAllowed,
                                              HTTPResponse::HTTP_METHOD_NOT_ALLOWED,
                                              "method not allowed; use " + r.method, "Allow", r.method);
    if (r.authenticated && !context.authenticator.allows(request.get("Authorization", "")))
        return std::make_unique<ErrorHandler>(context.metrics, Metrics::Rejection::Unauthorized,
                                              HTTPResponse::HTTP_UNAUTHORIZED, "missing or wrong credentials",
                                              "WWW-Authenticate", context.authenticator.challenge());
    if (r.method == "POST" && (crossSite(request) || (r.needsRequestHeader && !request.has(REQUEST_HEADER))))
        return std::make_unique<ErrorHandler>(context.metrics, Metrics::Rejection::CrossSite,
                                              HTTPResponse::HTTP_FORBIDDEN,
                                              "cross-site request refused: send the X-Requested-By header "
                                              "from this origin");
    return r.make(context);
}

} // namespace

HandlerFactory::HandlerFactory(ServerContext& context) : _context(context) {}

Poco::Net::HTTPRequestHandler* HandlerFactory::createRequestHandler(const HTTPServerRequest& request)
{
    return route(_context, request).release(); // POCO's HTTPServerConnection takes ownership
}

} // namespace AlertGate
