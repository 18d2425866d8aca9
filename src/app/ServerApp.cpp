#include "app/ServerApp.h"

#include "app/FileLimit.h"
#include "app/Gateway.h"
#include "app/Logging.h"
#include "app/Signals.h"
#include "app/Systemd.h"
#include "app/Watchdog.h"
#include "cli/Usage.h"
#include "config/ConfigError.h"
#include "config/SettingsLoader.h"
#include "core/Platform.h"
#include "core/Version.h"
#include "store/StoreError.h"

#include <Poco/Logger.h>
#include <Poco/Net/IPAddress.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/IntValidator.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionCallback.h>

#include <iostream>

namespace AlertGate {

namespace {

Poco::Logger& log()
{
    return Poco::Logger::get("alertgate");
}

} // namespace

void ServerApp::defineOptions(Poco::Util::OptionSet& options)
{
    // Not ServerApplication's: its --daemon, --pidfile and --umask do not belong under systemd.
    Poco::Util::Application::defineOptions(options);
    options.addOption(Poco::Util::Option("help", "h", "show this help and exit")
                          .callback(Poco::Util::OptionCallback<ServerApp>(this, &ServerApp::handleHelp)));
    options.addOption(Poco::Util::Option("version", "V", "print the version and exit")
                          .callback(Poco::Util::OptionCallback<ServerApp>(this, &ServerApp::handleVersion)));
    options.addOption(
        Poco::Util::Option("config", "c", "read settings from FILE (default: embedded defaults)")
            .argument("FILE")
            .callback(Poco::Util::OptionCallback<ServerApp>(this, &ServerApp::handleConfig)));
}

void ServerApp::handleHelp(const std::string&, const std::string&)
{
    std::cout << usageText();
    _exitEarly = true;
    stopOptionsProcessing();
}

void ServerApp::handleVersion(const std::string&, const std::string&)
{
    std::cout << "alertgate " << kVersion << '\n'
              << "built with POCO " << kPocoVersion << ", GPIO " << kGpioBackend << '\n';
    _exitEarly = true;
    stopOptionsProcessing();
}

void ServerApp::handleConfig(const std::string&, const std::string& value)
{
    _configFile = value;
}

void ServerApp::initialize(Poco::Util::Application& self)
{
    ServerApplication::initialize(self);
    if (_exitEarly)
        return;
    try
    {
        _settings = _configFile.empty() ? SettingsLoader::defaults() : SettingsLoader::load(_configFile);
        configureLogging(_settings->log.level);
    }
    catch (const ConfigError& e)
    {
        configureLogging("information");
        for (const auto& problem : e.problems())
            log().fatal("configuration: %s", problem);
    }
}

void ServerApp::warnIfOpen() const
{
    Poco::Net::IPAddress address(_settings->http.host);
    if (!_settings->webhook.authenticationConfigured() && !address.isLoopback())
        log().warning("listening on %s without authentication: anyone who can reach it can post alerts "
                      "(set webhook.bearer_token_file or webhook.basic_username)",
                      _settings->http.host);
}

// Parked connections, workers, the store's connections and the channels all need descriptors; with
// too few, accept() fails and the oldest parked connections are closed early.
void ServerApp::warnIfFewDescriptors(std::uint64_t limit) const
{
    auto needed =
        static_cast<std::uint64_t>(_settings->http.maxIdleConnections + _settings->http.maxConnections) + 64;
    if (limit < needed)
        log().warning("the open-file limit is %Lu, below the %Lu that http.max_idle_connections and "
                      "http.max_connections need; raise LimitNOFILE",
                      static_cast<Poco::UInt64>(limit), static_cast<Poco::UInt64>(needed));
}

int ServerApp::main(const std::vector<std::string>&)
{
    if (_exitEarly)
        return EXIT_OK;
    if (!_settings)
        return EXIT_CONFIG;
    Signals signals;
    signals.block();
    SystemClock clock;
    try
    {
        warnIfFewDescriptors(raiseOpenFileLimit());
        Gateway gateway(*_settings, clock);
        gateway.start();
        warnIfOpen();
        log().information("alertgate %s listening on %s, history in %s", std::string(kVersion),
                          gateway.listenAddress().toString(), _settings->store.path);
        serve(gateway, signals);
    }
    catch (const ConfigError& e)
    {
        for (const auto& problem : e.problems())
            log().fatal("configuration: %s", problem);
        return EXIT_CONFIG;
    }
    catch (const StoreError& e)
    {
        log().fatal("cannot open the history store: %s", std::string(e.what()));
        return EXIT_CANTCREAT;
    }
    catch (const Poco::Exception& e)
    {
        log().fatal("cannot start: %s", e.displayText());
        return EXIT_SOFTWARE;
    }
    log().information("stopped");
    return EXIT_OK;
}

// Runs until a termination signal; SIGHUP reloads. The watchdog starts only once the server is up.
void ServerApp::serve(Gateway& gateway, Signals& signals)
{
    std::unique_ptr<Watchdog> watchdog;
    if (auto interval = Systemd::watchdogInterval())
    {
        watchdog = std::make_unique<Watchdog>(gateway.listenAddress(), *interval);
        watchdog->start();
    }
    Systemd::notify("READY=1");
    while (signals.wait() == SIGHUP)
        reload(gateway);
    Systemd::notify("STOPPING=1");
    log().information("stopping");
    if (watchdog)
        watchdog->stop();
    gateway.stop();
}

void ServerApp::reload(Gateway& gateway)
{
    if (_configFile.empty())
    {
        log().notice("SIGHUP: running on the embedded defaults, nothing to reload");
        return;
    }
    Systemd::notify("RELOADING=1");
    try
    {
        Settings fresh = SettingsLoader::load(_configFile);
        for (const auto& key : _settings->keysNeedingRestart(fresh))
            log().warning("%s changed in %s; it takes effect after a restart", key, _configFile);
        gateway.reload(fresh);
        Poco::Logger::setLevel("", Poco::Logger::parseLevel(fresh.log.level));
        log().notice("configuration reloaded from %s", _configFile);
    }
    catch (const ConfigError& e)
    {
        for (const auto& problem : e.problems())
            log().error("reload refused, keeping the running configuration: %s", problem);
    }
    Systemd::notify("READY=1");
}

} // namespace AlertGate
