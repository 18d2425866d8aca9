#pragma once

#include "core/Notification.h"
#include "http/ServerContext.h"
#include "metrics/Metrics.h"

#include "http/Handler.h"

#include <Poco/Net/HTTPResponse.h>

#include <optional>
#include <string>

namespace AlertGate {

/// POST /api/v1/alertmanager: checks the body's type and size, parses it, and answers 200 only once
/// the notification is committed; 503 with Retry-After when the store cannot write, so Alertmanager
/// retries; 4xx only for requests that can never succeed.
class WebhookHandler : public Handler
{
public:
    explicit WebhookHandler(ServerContext& context);

protected:
    void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override;

private:
    std::optional<std::string> readBody(Poco::Net::HTTPServerRequest& request,
                                        Poco::Net::HTTPServerResponse& response);
    void store(Notification notification, Poco::Net::HTTPServerResponse& response);
    void reject(Poco::Net::HTTPServerResponse& response, Metrics::Rejection reason,
                Poco::Net::HTTPResponse::HTTPStatus status, const std::string& message);
    void unavailable(Poco::Net::HTTPServerResponse& response, const std::string& why);

    ServerContext& _context;
};

} // namespace AlertGate
