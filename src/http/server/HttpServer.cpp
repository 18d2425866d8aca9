#include "http/server/HttpServer.h"

#include "http/server/Exchange.h"

#include <algorithm>

namespace AlertGate {

namespace {

// What the gate reads and drops after an answer that ends a connection (a refused body, a pipelined
// request): it costs no memory, only time, which request_timeout bounds too. As large as the largest
// max_body_size, so that a body refused for its size is always read to its end.
constexpr std::uint64_t kDrainBytes = 64 * 1024 * 1024;

Poco::Net::HTTPServerParams::Ptr serverParams(const Settings::Http& http)
{
    auto params = Poco::makeAuto<Poco::Net::HTTPServerParams>();
    params->setServerName("alertgate");
    params->setTimeout(Poco::Timespan(http.requestTimeoutMs * 1000));
    params->setKeepAlive(http.keepAliveTimeoutMs > 0);
    params->setKeepAliveTimeout(Poco::Timespan(http.keepAliveTimeoutMs * 1000));
    return params;
}

// Bodies of requests under way (received, queued or being served) share this much memory, and it
// always holds at least one of the largest allowed.
std::uint64_t bodyMemory(const Settings::Http& http)
{
    return std::max(http.maxBodyMemory, http.maxBodyBytes);
}

ConnectionGate::Limits gateLimits(const Settings::Http& http)
{
    ConnectionGate::Limits limits;
    limits.maxParked = static_cast<std::size_t>(http.maxIdleConnections);
    limits.requestTimeout = std::chrono::milliseconds(http.requestTimeoutMs);
    limits.maxBodyBytes = http.maxBodyBytes;
    limits.bodyMemory = bodyMemory(http);
    limits.idleTimeout = std::chrono::milliseconds(http.keepAliveTimeoutMs);
    return limits;
}

} // namespace

HttpServer::HttpServer(const Poco::Net::ServerSocket& listener, const Settings::Http& http,
                       Poco::Net::HTTPRequestHandlerFactory::Ptr factory)
    : _params(serverParams(http)), _factory(std::move(factory)),
      _workers(
          http.maxConnections,
          [this](ReceivedRequest& request) {
              std::uint64_t bodyBytes = request.body.size();
              AfterAnswer after = serveOneRequest(request, _params, *_factory, kDrainBytes);
              _gate.served(bodyBytes);
              return after;
          },
          [this](Poco::Net::StreamSocket socket, AfterAnswer after) { _gate.park(socket, after); }),
      _gate(listener, gateLimits(http),
            [this](ReceivedRequest request) { _workers.enqueue(std::move(request)); })
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
