#include "http/StatusPageHandler.h"

#include "http/Responses.h"
#include "http/WebAssets.h"

#include <Poco/Net/HTTPServerResponse.h>

namespace AlertGate {

namespace {

std::string contentTypeOf(const std::string& name)
{
    auto dot = name.rfind('.');
    const std::string extension = dot == std::string::npos ? "" : name.substr(dot);
    if (extension == ".css")
        return "text/css; charset=utf-8";
    if (extension == ".js")
        return "text/javascript; charset=utf-8";
    return "text/html; charset=utf-8";
}

} // namespace

StatusPageHandler::StatusPageHandler(std::string asset) : _asset(std::move(asset)) {}

void StatusPageHandler::handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& response)
{
    // The page is live data's shell: no caching, so an upgraded binary's page is never mixed with old.
    response.set("Cache-Control", "no-store");
    sendText(response, contentTypeOf(_asset), webAssets().at(_asset));
}

} // namespace AlertGate
