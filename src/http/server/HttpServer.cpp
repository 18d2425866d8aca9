#include "http/server/HttpServer.h"

#include "http/server/Exchange.h"

namespace AlertGate {

namespace {

Poco::Net::HTTPServerParams::Ptr serverParams(const Settings::Http& http)
{
    auto params = Poco::makeAuto<Poco::Net::HTTPServerParams>();
    params->setServerName("alertgate");
    params->setTimeout(Poco::Timespan(http.requestTimeoutMs * 1000));
    params->setKeepAlive(http.keepAliveTimeoutMs > 0);
    params->setKeepAliveTimeout(Poco::Timespan(http.keepAliveTimeoutMs * 1000));
    return params;
}

ConnectionGate::Limits gateLimits(const Settings::Http& http)
{
    ConnectionGate::Limits limits;
    limits.maxParked = static_cast<std::size_t>(http.maxIdleConnections);
    limits.headTimeout = std::chrono::milliseconds(http.requestTimeoutMs);
    limits.idleTimeout = std::chrono::milliseconds(http.keepAliveTimeoutMs);
    return limits;
}

} // namespace

HttpServer::HttpServer(const Poco::Net::ServerSocket& listener, const Settings::Http& http,
                       Poco::Net::HTTPRequestHandlerFactory::Ptr factory)
    : _params(serverParams(http)), _factory(std::move(factory)),
      _workers(
          http.maxConnections,
          [this](Poco::Net::StreamSocket& socket) { return serveOneRequest(socket, _params, *_factory); },
          [this](Poco::Net::StreamSocket socket) { _gate.park(socket); }),
      _gate(listener, gateLimits(http), [this](Poco::Net::StreamSocket socket) { _workers.enqueue(socket); })
{
}

HttpServer::~HttpServer()
{
    stop();
}

void HttpServer::start()
{
    _workers.start();
    _gate.start();
}

void HttpServer::stop()
{
    _gate.stop();
    _workers.stop();
}

} // namespace AlertGate
