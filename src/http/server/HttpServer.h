#pragma once

#include "config/Settings.h"
#include "http/server/ConnectionGate.h"
#include "http/server/HttpWorkers.h"

#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/ServerSocket.h>

namespace AlertGate {

/// alertgate's HTTP server: a ConnectionGate parks connections until their request head has arrived,
/// HttpWorkers answer one request each with POCO's request and response classes, and a kept-alive
/// connection goes back to the gate between requests. Replaces POCO's HTTPServer, whose thread per
/// connection lets idle clients occupy every thread and then refuses everyone else.
class HttpServer
{
public:
    HttpServer(const Poco::Net::ServerSocket& listener, const Settings::Http& http,
               Poco::Net::HTTPRequestHandlerFactory::Ptr factory);
    ~HttpServer();

    void start();
    void stop();
    /// Closes the listener and every connection, aborting requests under way.

    Poco::Net::SocketAddress address() const { return _gate.address(); }

private:
    Poco::Net::HTTPServerParams::Ptr _params;
    Poco::Net::HTTPRequestHandlerFactory::Ptr _factory;
    HttpWorkers _workers;
    ConnectionGate _gate; /// Declared after _workers: stopped first, so it hands nothing to stopped workers.
};

} // namespace AlertGate
