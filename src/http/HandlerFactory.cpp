#include "http/HandlerFactory.h"

#include "http/AlertsHandler.h"
#include "http/ErrorHandler.h"
#include "http/HealthHandler.h"
#include "http/HistoryHandler.h"
#include "http/MetricsHandler.h"
#include "http/SignalsHandler.h"
#include "http/SilenceHandler.h"
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
};

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
         {"POST", true, [](ServerContext& c) { return std::make_unique<SilenceHandler>(c); }}},
        {"/-/healthy",
         {"GET", false, [](ServerContext& c) { return std::make_unique<HealthHandler>(c, false); }}},
        {"/-/ready",
         {"GET", false, [](ServerContext& c) { return std::make_unique<HealthHandler>(c, true); }}},
        {"/metrics", {"GET", false, [](ServerContext& c) { return std::make_unique<MetricsHandler>(c); }}},
    };
    return table;
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
    return r.make(context);
}

} // namespace

HandlerFactory::HandlerFactory(ServerContext& context) : _context(context) {}

Poco::Net::HTTPRequestHandler* HandlerFactory::createRequestHandler(const HTTPServerRequest& request)
{
    return route(_context, request).release(); // POCO's HTTPServerConnection takes ownership
}

} // namespace AlertGate
