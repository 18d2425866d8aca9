#pragma once

#include "http/ServerContext.h"
#include "metrics/Metrics.h"

#include "http/Handler.h"

namespace AlertGate {

/// GET /metrics in the Prometheus text format.
class MetricsHandler : public Handler
{
public:
    explicit MetricsHandler(ServerContext& context);

protected:
    void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override;

private:
    Metrics::StoreGauges storeGauges();

    ServerContext& _context;
};

} // namespace AlertGate
