#pragma once

#include "http/ServerContext.h"

#include "http/Handler.h"

namespace AlertGate {

/// GET /api/v1/alerts: the alerts firing now, as JSON.
class AlertsHandler : public Handler
{
public:
    explicit AlertsHandler(ServerContext& context);

protected:
    void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override;

private:
    ServerContext& _context;
};

} // namespace AlertGate
