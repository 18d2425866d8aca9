#pragma once

#include "http/ServerContext.h"

#include <Poco/Net/HTTPRequestHandlerFactory.h>

namespace AlertGate {

/// Routes each request to the handler of its path, after the method and credential checks.
/// /api/... needs the webhook credentials (when configured); /-/healthy, /-/ready and /metrics are
/// open, for probes and Prometheus.
class HandlerFactory : public Poco::Net::HTTPRequestHandlerFactory
{
public:
    explicit HandlerFactory(ServerContext& context);

    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest& request) override;

private:
    ServerContext& _context;
};

} // namespace AlertGate
