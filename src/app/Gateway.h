#pragma once

#include "alertmanager/AlertmanagerSync.h"
#include "config/Settings.h"
#include "core/Clock.h"
#include "core/WorkerLoop.h"
#include "http/ServerContext.h"
#include "http/server/HttpServer.h"
#include "metrics/Metrics.h"
#include "notify/Channels.h"
#include "notify/Dispatcher.h"
#include "notify/SwappableChannel.h"
#include "signal/Reconciler.h"
#include "signal/buzzer/BuzzerDevice.h"
#include "signal/silence/Silence.h"
#include "signal/silence/SilenceButton.h"
#include "signal/silence/Silencer.h"
#include "store/AlertReconciliation.h"
#include "store/NotificationWriter.h"
#include "store/Pruner.h"

#include <map>
#include <memory>

namespace AlertGate {

/// The running daemon's parts, built and started in dependency order (channels, store, dispatchers,
/// then the HTTP listener) and stopped in exactly the reverse order.
class Gateway
{
public:
    Gateway(const Settings& settings, const Clock& clock);
    /// Builds the channels (throws ConfigError) and opens and migrates the store (throws StoreError).
    ~Gateway();

    void start();
    /// Starts the writer, then binds and starts the HTTP server. Throws Poco::Net::NetException.
    void stop();

    Poco::Net::SocketAddress listenAddress() const;

    void reload(const Settings& fresh);
    /// Applies what can change while running: the webhook credentials and the channels' keys
    /// (URLs, credentials, templates, TLS, timeouts) of the channels that are on. Throws ConfigError,
    /// having changed nothing, when the fresh channels cannot be built (a template that does not compile).

private:
    void wakeDispatchers();
    void wakeReconciler();
    void startAlertmanagerSync();
    bool store(Notification notification);

    const Settings& _settings;
    const Clock& _clock;
    Metrics _metrics;
    std::shared_ptr<Channels> _channels; /// The start-up channels; their router routes for good.
    std::vector<std::unique_ptr<SwappableChannel>> _swappable; /// What the dispatchers deliver through.
    NotificationWriter _writer;
    Pruner _pruner;
    std::vector<std::unique_ptr<Dispatcher>> _dispatchers;
    Silence _silence;
    Silencer _silencer;
    BuzzerDevice _buzzer;
    std::unique_ptr<Reconciler> _reconciler; /// Drives _buzzer: declared after it, so stopped first.
    std::unique_ptr<SilenceButton> _button;  /// Null: none configured, or its line failed to open.
    std::unique_ptr<AlertReconciliation> _reconciliation; /// Null: no [alertmanager] url.
    std::unique_ptr<AlertmanagerSync> _alertmanagerSync;
    std::unique_ptr<WorkerLoop> _alertmanagerLoop; /// Declared after what it steps: stopped first.
    ServerContext _context;
    std::unique_ptr<HttpServer> _server;
};

} // namespace AlertGate
