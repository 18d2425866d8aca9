#include "http/Handler.h"

#include "core/Printable.h"
#include "http/Responses.h"
#include "store/StoreError.h"

#include <Poco/Logger.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

namespace AlertGate {

namespace {

void answer(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
            Poco::Net::HTTPResponse::HTTPStatus status, const std::string& reason, const std::string& detail)
{
    Poco::Logger::get("http").error("%s %s: %s", request.getMethod(), printable(request.getURI()),
                                    printable(detail, 300));
    if (response.sent())
        return;
    if (status == Poco::Net::HTTPResponse::HTTP_SERVICE_UNAVAILABLE)
        response.set("Retry-After", "5");
    sendError(response, status, reason);
}

} // namespace

void Handler::handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response)
{
    try
    {
        handle(request, response);
    }
    catch (const StoreError& e)
    {
        answer(request, response, Poco::Net::HTTPResponse::HTTP_SERVICE_UNAVAILABLE,
               "the history store is not available", e.what());
    }
    catch (const Poco::Exception& e)
    {
        answer(request, response, Poco::Net::HTTPResponse::HTTP_INTERNAL_SERVER_ERROR, "internal error",
               e.displayText());
    }
    catch (const std::exception& e)
    {
        answer(request, response, Poco::Net::HTTPResponse::HTTP_INTERNAL_SERVER_ERROR, "internal error",
               e.what());
    }
}

} // namespace AlertGate
