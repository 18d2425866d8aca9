#pragma once

#include "config/Settings.h"

#include <Poco/Util/ServerApplication.h>

#include <optional>

namespace AlertGate
{

/// The daemon: `alertgate [--config FILE]`. Runs in the foreground (systemd style) until SIGTERM/SIGINT.
class ServerApp : public Poco::Util::ServerApplication
{
protected:
    void defineOptions(Poco::Util::OptionSet& options) override;
    void initialize(Poco::Util::Application& self) override;
    int main(const std::vector<std::string>& args) override;

private:
    void handleHelp(const std::string& name, const std::string& value);
    void handleVersion(const std::string& name, const std::string& value);
    void handleConfig(const std::string& name, const std::string& value);
    void warnIfOpen() const;

    std::string _configFile;
    bool _exitEarly = false;
    std::optional<Settings> _settings;
};

} // namespace AlertGate
