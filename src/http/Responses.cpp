#include "http/Responses.h"

#include <Poco/JSON/Object.h>

#include <sstream>

namespace AlertGate {

void sendJson(Poco::Net::HTTPServerResponse& response, Poco::Net::HTTPResponse::HTTPStatus status,
              const std::string& json)
{
    response.setStatusAndReason(status);
    response.setContentType("application/json");
    response.setContentLength64(static_cast<Poco::Int64>(json.size()));
    response.send() << json;
}

void sendError(Poco::Net::HTTPServerResponse& response, Poco::Net::HTTPResponse::HTTPStatus status,
               const std::string& reason)
{
    Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
    body.set("status", "error");
    body.set("error", reason);
    std::ostringstream json;
    body.stringify(json);
    response.setKeepAlive(false);
    sendJson(response, status, json.str() + "\n");
}

void sendText(Poco::Net::HTTPServerResponse& response, const std::string& contentType,
              const std::string& body)
{
    response.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_OK);
    response.setContentType(contentType);
    response.setContentLength64(static_cast<Poco::Int64>(body.size()));
    response.send() << body;
}

} // namespace AlertGate
