#include "app/Gateway.h"

#include "alertmanager/AlertmanagerClient.h"
#include "http/HandlerFactory.h"
#include "http/server/Listener.h"
#include "signal/gpio/GpioError.h"
#include "signal/gpio/GpiodEdgeLine.h"

#include <Poco/Logger.h>
#include <Poco/Net/ServerSocket.h>

namespace AlertGate {

namespace {

Dispatcher::Policy deliveryPolicy(const Settings::Delivery& delivery)
{
    return {Backoff(std::chrono::milliseconds(delivery.retryInitialMs),
                    std::chrono::milliseconds(delivery.retryMaxMs)),
            std::chrono::milliseconds(delivery.maxAgeMs)};
}

std::map<std::string, BuzzerPattern> patternsByName(const std::vector<BuzzerPattern>& patterns)
{
    std::map<std::string, BuzzerPattern> byName;
    for (const auto& pattern : patterns)
        byName.emplace(pattern.name, pattern);
    return byName;
}

// The button is a convenience: a line that cannot be opened is logged, never fatal.
std::unique_ptr<SilenceButton> silenceButton(const Settings::Buzzer& buzzer, Silencer& silencer)
{
    if (!buzzer.enabled() || buzzer.buttonLine.empty())
        return nullptr;
    try
    {
        return std::make_unique<SilenceButton>(
            std::make_unique<GpiodEdgeLine>(buzzer.chip, buzzer.buttonLine), buzzer.buttonActiveLow,
            std::chrono::milliseconds(buzzer.buttonDebounceMs),
            [&silencer] { silencer.give("button", "button", ""); });
    }
    catch (const GpioError& e)
    {
        Poco::Logger::get("buzzer").error("No silence button: %s", std::string(e.what()));
        return nullptr;
    }
}

// LampState passes no activation (blind with no sounding alert) as the smallest value; a silence covers it.
Silence::TimePoint activationTime(std::int64_t micros)
{
    if (micros <= 0)
        return Silence::TimePoint::min();
    return Silence::TimePoint(
        std::chrono::duration_cast<Silence::TimePoint::duration>(std::chrono::microseconds(micros)));
}

AlertmanagerClient::Options clientOptions(const Settings::Alertmanager& alertmanager)
{
    return {alertmanager.urls,     alertmanager.bearerToken,
            alertmanager.username, alertmanager.password,
            alertmanager.caFile,   std::chrono::milliseconds(alertmanager.timeoutMs)};
}

std::vector<HeldAlert> heldAlerts(AlertReconciliation& reconciliation)
{
    std::vector<HeldAlert> held;
    for (const auto& alert : reconciliation.firing())
        held.push_back({alert.fingerprint, alert.lastSeenMicros,
                        alert.suppressed == "silenced"    ? Suppression::Silenced
                        : alert.suppressed == "inhibited" ? Suppression::Inhibited
                                                          : Suppression::None});
    return held;
}

AlertReconciliation::Change storeChange(const ReconcilePlan& plan)
{
    AlertReconciliation::Change change{plan.resolve, {}};
    for (const auto& mark : plan.suppress)
        change.suppress.emplace_back(mark.fingerprint, suppressionName(mark.suppression));
    return change;
}

} // namespace

Gateway::Gateway(const Settings& settings, const Clock& clock)
    : _settings(settings), _clock(clock), _channels(std::make_shared<Channels>(settings, clock)),
      _writer(
          settings.store.path, settings.store.busyTimeoutMs, clock, _metrics, &_channels->router(),
          [this] { wakeDispatchers(); }, [this] { wakeReconciler(); }),
      _pruner(settings.store.path, settings.store.busyTimeoutMs, settings.store.retentionMs, clock, _metrics),
      _silencer(settings.store.path, settings.store.busyTimeoutMs, clock, _silence),
      _buzzer(settings.buzzer), _context{
                                    settings,  clock,  _metrics, _writer, Authenticator(settings.webhook),
                                    _silencer, _buzzer}
{
    for (const auto& channel : _channels->all())
    {
        // Aliasing: the channel lives as long as the Channels that made it.
        _swappable.push_back(
            std::make_unique<SwappableChannel>(std::shared_ptr<Channel>(_channels, channel.get())));
        _dispatchers.push_back(std::make_unique<Dispatcher>(
            *_swappable.back(), _channels->router(), settings.store.path, settings.store.busyTimeoutMs,
            deliveryPolicy(settings.delivery), clock, _metrics));
    }
    _silencer.restore();
    _button = silenceButton(settings.buzzer, _silencer);
    // Without a tower, a buzzer, a heartbeat or a staleness rule the reconciler has nothing to do.
    auto tower = Reconciler::makeClient(settings.tower);
    if (tower || _buzzer.configured() || settings.heartbeat.timeoutMs > 0 || settings.alerts.staleAfterMs > 0)
    {
        _reconciler = std::make_unique<Reconciler>(
            settings, clock, std::move(tower), _buzzer.configured() ? &_buzzer : nullptr,
            patternsByName(settings.buzzer.patterns),
            [this](Notification notice) { return store(std::move(notice)); });
        _reconciler->setSilenceCheck([this](std::int64_t newestActivationMicros) {
            return _silence.covers(activationTime(newestActivationMicros));
        });
        _silence.setListener([this] { wakeReconciler(); });
        _context.reconciler = _reconciler.get();
    }
    if (settings.alertmanager.enabled())
        startAlertmanagerSync();
}

// Built here, started with the other workers: the first round runs at start-up, then every interval.
void Gateway::startAlertmanagerSync()
{
    _reconciliation =
        std::make_unique<AlertReconciliation>(_settings.store.path, _settings.store.busyTimeoutMs);
    auto client = std::make_shared<AlertmanagerClient>(clientOptions(_settings.alertmanager));
    _alertmanagerSync = std::make_unique<AlertmanagerSync>(
        AlertmanagerSync::Parts{[client] { return client->fetch(); },
                                [this] { return heldAlerts(*_reconciliation); },
                                [this](const ReconcilePlan& plan) {
                                    _reconciliation->apply(storeChange(plan), _clock.nowMicros());
                                    wakeReconciler();
                                },
                                [this](bool reached, std::size_t resolved) {
                                    _metrics.observeReconciliation(reached, resolved);
                                }},
        _settings.alertmanager.reconcileIntervalMs * 1000);
    _alertmanagerLoop = std::make_unique<WorkerLoop>(
        "alertmanager", _clock, [this](std::int64_t now) { return _alertmanagerSync->step(now); });
}

// The reconciler's own notifications (the heartbeat's lapse and return) take the webhook's path into
// the store, bounded the same way.
bool Gateway::store(Notification notification)
{
    auto outcome = _writer.submit(std::move(notification));
    if (outcome.wait_for(std::chrono::milliseconds(_settings.store.commitTimeoutMs)) !=
        std::future_status::ready)
        return false;
    return outcome.get().stored;
}

void Gateway::wakeReconciler()
{
    if (_reconciler)
        _reconciler->wake();
}

void Gateway::wakeDispatchers()
{
    for (auto& dispatcher : _dispatchers)
        dispatcher->wake();
}

Gateway::~Gateway()
{
    stop();
}

void Gateway::start()
{
    _writer.start();
    _pruner.start();
    for (auto& dispatcher : _dispatchers)
        dispatcher->start();
    if (_reconciler)
        _reconciler->start();
    if (_alertmanagerLoop)
        _alertmanagerLoop->start();
    Poco::Net::ServerSocket socket =
        listenOn(Poco::Net::SocketAddress(_settings.http.host, _settings.http.port));
    _server =
        std::make_unique<HttpServer>(socket, _settings.http, Poco::makeShared<HandlerFactory>(_context));
    _server->start();
}

void Gateway::stop()
{
    // Aborting open connections is safe: what they submitted is committed by the writer's stop(), and
    // a client that saw no answer retries (a repeated notification is harmless).
    if (_server)
        _server->stop();
    // Before the writer: the reconciler may be storing a heartbeat message.
    if (_alertmanagerLoop)
        _alertmanagerLoop->stop();
    if (_reconciler)
        _reconciler->stop();
    _pruner.stop();
    _writer.stop();
    // Or each dispatcher's stop() would wait for its attempt, up to the channel timeout.
    for (auto& channel : _swappable)
        channel->abort();
    for (auto& dispatcher : _dispatchers)
        dispatcher->stop();
    _server.reset();
}

void Gateway::reload(const Settings& fresh)
{
    // Built before anything changes, so a refused reload leaves everything as it was. A dispatcher
    // in the middle of a delivery finishes it with the old channel, which lives until then.
    auto channels = std::make_shared<Channels>(fresh, _context.clock);
    _context.authenticator.replace(fresh.webhook);
    for (auto& channel : _swappable)
        if (Channel* replacement = channels->find(channel->name()))
            channel->replace(std::shared_ptr<Channel>(channels, replacement));
}

Poco::Net::SocketAddress Gateway::listenAddress() const
{
    return _server->address();
}

} // namespace AlertGate
