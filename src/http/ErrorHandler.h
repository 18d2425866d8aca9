#pragma once

#include "metrics/Metrics.h"

#include "http/Handler.h"
#include <Poco/Net/HTTPResponse.h>

#include <string>

namespace AlertGate {

/// Answers a request the factory refused (unknown path, wrong method, bad credentials) with a
/// 4xx and a JSON reason, and counts it.
class ErrorHandler : public Handler
{
public:
    ErrorHandler(Metrics& metrics, Metrics::Rejection rejection, Poco::Net::HTTPResponse::HTTPStatus status,
                 std::string reason, std::string headerName = {}, std::string headerValue = {});

protected:
    void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override;

private:
    Metrics& _metrics;
    Metrics::Rejection _rejection;
    Poco::Net::HTTPResponse::HTTPStatus _status;
    std::string _reason;
    std::string _headerName;
    std::string _headerValue;
};

} // namespace AlertGate
