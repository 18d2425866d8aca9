#include "http/Responses.h"

#include "http/server/ErrorBody.h"

namespace AlertGate {

void setSecurityHeaders(Poco::Net::HTTPServerResponse& response)
{
    // The status page's scripts and styles come from this origin only; nothing inline, nothing from
    // elsewhere, no framing (clickjacking), no forms posting anywhere. JSON answers carry it too, so
    // an API answer opened as a page cannot run anything either.
    response.set(
        "Content-Security-Policy",
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    response.set("X-Content-Type-Options", "nosniff");
    response.set("Referrer-Policy", "no-referrer");
    response.set("X-Frame-Options", "DENY");
}

void sendJson(Poco::Net::HTTPServerResponse& response, Poco::Net::HTTPResponse::HTTPStatus status,
              const std::string& json)
{
    response.setStatusAndReason(status);
    setSecurityHeaders(response);
    response.setContentType("application/json");
    response.setContentLength64(static_cast<Poco::Int64>(json.size()));
    response.send() << json;
}

void sendError(Poco::Net::HTTPServerResponse& response, Poco::Net::HTTPResponse::HTTPStatus status,
               const std::string& reason)
{
    response.setKeepAlive(false);
    sendJson(response, status, errorBody(reason));
}

void sendText(Poco::Net::HTTPServerResponse& response, const std::string& contentType,
              const std::string& body)
{
    response.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_OK);
    setSecurityHeaders(response);
    response.setContentType(contentType);
    response.setContentLength64(static_cast<Poco::Int64>(body.size()));
    response.send() << body;
}

} // namespace AlertGate
