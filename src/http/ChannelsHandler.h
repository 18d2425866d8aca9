#pragma once

#include "http/Handler.h"
#include "http/ServerContext.h"

namespace AlertGate {

/// GET /api/v1/channels: each configured message channel's outbox (pending, delivered, dead, last
/// error), for the status page.
class ChannelsHandler : public Handler
{
public:
    explicit ChannelsHandler(ServerContext& context);

protected:
    void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override;

private:
    ServerContext& _context;
};

} // namespace AlertGate
