#include "cli/CheckConfigCommand.h"

#include "config/ConfigError.h"
#include "config/SettingsLoader.h"
#include "core/Clock.h"
#include "notify/Channels.h"

namespace AlertGate {

int CheckConfigCommand::run(const CommandLine& line, std::ostream& out, std::ostream& err)
{
    if (!line.arguments.empty())
    {
        err << "alertgate check-config: unexpected argument " << line.arguments.front() << '\n';
        return 2;
    }
    if (!line.options.empty())
    {
        err << "alertgate check-config: unknown option --" << line.options.front().first << '\n';
        return 2;
    }
    if (line.configFile.empty())
    {
        SettingsLoader::defaults();
        out << "no --config given: the embedded defaults are valid\n";
        return 0;
    }
    try
    {
        Settings settings = SettingsLoader::load(line.configFile);
        SystemClock clock;
        Channels channels(settings, clock);
        out << line.configFile << ": OK";
        for (const auto& channel : channels.all())
            out << (channel == channels.all().front() ? "; channels: " : ", ") << channel->name();
        out << '\n';
        return 0;
    }
    catch (const ConfigError& e)
    {
        for (const auto& problem : e.problems())
            err << problem << '\n';
        err << e.problems().size() << (e.problems().size() == 1 ? " problem\n" : " problems\n");
        return 1;
    }
}

} // namespace AlertGate
