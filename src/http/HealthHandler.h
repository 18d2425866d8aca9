#pragma once

#include "http/ServerContext.h"

#include "http/Handler.h"

namespace AlertGate {

/// GET /-/healthy (the process answers) and GET /-/ready (it can also store notifications now:
/// the last write succeeded and the file system is neither read-only nor full). 503 when not ready.
class HealthHandler : public Handler
{
public:
    HealthHandler(ServerContext& context, bool readiness);

    static bool storeWritable(const ServerContext& context);

protected:
    void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override;

private:
    ServerContext& _context;
    bool _readiness;
};

} // namespace AlertGate
