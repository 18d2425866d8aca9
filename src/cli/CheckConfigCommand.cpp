#include "cli/CheckConfigCommand.h"

#include "config/ConfigError.h"
#include "config/SettingsLoader.h"

namespace AlertGate
{

int CheckConfigCommand::run(const CommandLine& line, std::ostream& out, std::ostream& err)
{
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
        SettingsLoader::load(line.configFile);
        out << line.configFile << ": OK\n";
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
