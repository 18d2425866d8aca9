#pragma once

#include "config/Settings.h"
#include "core/Clock.h"
#include "http/ServerContext.h"
#include "metrics/Metrics.h"
#include "store/NotificationWriter.h"

#include <Poco/Net/HTTPServer.h>
#include <Poco/ThreadPool.h>

#include <memory>

namespace AlertGate
{

/// The running daemon's parts, built and started in dependency order (store, then the HTTP listener)
/// and stopped in exactly the reverse order.
class Gateway
{
public:
    Gateway(const Settings& settings, const Clock& clock);
    /// Opens and migrates the store. Throws StoreError.
    ~Gateway();

    void start();
    /// Starts the writer, then binds and starts the HTTP server. Throws Poco::Net::NetException.
    void stop();

    Poco::Net::SocketAddress listenAddress() const;

    void reload(const Settings& fresh);
    /// Applies what can change while running: the webhook credentials.

private:
    const Settings& _settings;
    Metrics _metrics;
    NotificationWriter _writer;
    ServerContext _context;
    Poco::ThreadPool _httpThreads;
    std::unique_ptr<Poco::Net::HTTPServer> _server;
};

} // namespace AlertGate
