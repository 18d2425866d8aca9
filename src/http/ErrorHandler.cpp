#include "http/ErrorHandler.h"

#include "core/Printable.h"
#include "http/Responses.h"

#include <Poco/Logger.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

namespace AlertGate {

ErrorHandler::ErrorHandler(Metrics& metrics, Metrics::Rejection rejection,
                           Poco::Net::HTTPResponse::HTTPStatus status, std::string reason,
                           std::string headerName, std::string headerValue)
    : _metrics(metrics), _rejection(rejection), _status(status), _reason(std::move(reason)),
      _headerName(std::move(headerName)), _headerValue(std::move(headerValue))
{
}

void ErrorHandler::handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response)
{
    _metrics.countRejection(_rejection);
    if (_rejection == Metrics::Rejection::Unauthorized)
        Poco::Logger::get("http").warning("%s %s from %s: %s", request.getMethod(),
                                          printable(request.getURI()), request.clientAddress().toString(),
                                          _reason);
    if (!_headerName.empty())
        response.set(_headerName, _headerValue);
    sendError(response, _status, _reason);
}

} // namespace AlertGate
