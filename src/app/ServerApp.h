#pragma once

#include "config/Settings.h"

#include <Poco/Util/ServerApplication.h>

#include <optional>

namespace AlertGate {

class Gateway;
class Signals;

/// The daemon: `alertgate [--config FILE]`. Runs in the foreground (systemd style, Type=notify) until
/// SIGTERM or SIGINT; SIGHUP re-reads the configuration and keeps the running one if the new one is bad.
class ServerApp : public Poco::Util::ServerApplication
{
public:
    explicit ServerApp(std::string configFile);
    /// configFile empty: the embedded defaults. Run it with run(1, argv): the arguments are main()'s.

protected:
    void defineOptions(Poco::Util::OptionSet& options) override;
    void initialize(Poco::Util::Application& self) override;
    int main(const std::vector<std::string>& args) override;

private:
    void warnIfOpen() const;
    void warnIfFewDescriptors(std::uint64_t limit) const;
    void serve(Gateway& gateway, Signals& signals);
    void reload(Gateway& gateway);

    const std::string _configFile;
    std::optional<Settings> _settings; /// As started: what the gateway's parts were built with.
    Settings _running;                 /// As last applied (a reload applies part of it).
};

} // namespace AlertGate
