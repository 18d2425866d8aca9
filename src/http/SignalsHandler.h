#pragma once

#include "http/Handler.h"
#include "http/ServerContext.h"

namespace AlertGate {

/// GET /api/v1/signals: the tower's desired and last applied state, its health, the buzzer's pattern,
/// the heartbeat and the silence, as JSON.
class SignalsHandler : public Handler
{
public:
    explicit SignalsHandler(ServerContext& context);

protected:
    void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override;

private:
    ServerContext& _context;
};

} // namespace AlertGate
