#pragma once

#include "http/ServerContext.h"

#include "http/Handler.h"

namespace AlertGate {

/// GET /api/v1/history?since=24h&status=firing&label=instance=pi:9100&limit=50 : state changes as
/// JSON, with the filters of `alertgate history`. A bad filter is a 400 naming it.
class HistoryHandler : public Handler
{
public:
    explicit HistoryHandler(ServerContext& context);

protected:
    void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override;

private:
    ServerContext& _context;
};

} // namespace AlertGate
