#pragma once

#include <Poco/Net/HTTPRequestHandler.h>

namespace AlertGate {

/// Base of alertgate's request handlers: the one place where an exception escaping a handler becomes
/// an HTTP answer (503 when the store failed, 500 otherwise), logged, never a dropped connection.
class Handler : public Poco::Net::HTTPRequestHandler
{
public:
    void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) final;

protected:
    virtual void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) = 0;
};

} // namespace AlertGate
