#include "cli/CheckStoreCommand.h"

#include "config/ConfigError.h"
#include "config/SettingsLoader.h"
#include "store/Database.h"
#include "store/StoreCheck.h"

#include <iomanip>

namespace AlertGate {

int CheckStoreCommand::run(const CommandLine& line, std::ostream& out, std::ostream& err)
{
    if (!line.arguments.empty() || !line.options.empty())
    {
        err << "alertgate check-store: takes only --config\n";
        return 2;
    }
    try
    {
        Settings settings =
            line.configFile.empty() ? SettingsLoader::defaults() : SettingsLoader::load(line.configFile);
        Database db(settings.store.path, Database::Mode::ReadOnly, settings.store.busyTimeoutMs);
        double seconds = StoreCheck::fullCheck(db);
        out << settings.store.path << ": quick_check ok in " << std::fixed << std::setprecision(0)
            << seconds * 1000 << " ms\n";
        return 0;
    }
    catch (const ConfigError& e)
    {
        for (const auto& problem : e.problems())
            err << problem << '\n';
        return 1;
    }
    catch (const std::exception& e)
    {
        err << "alertgate check-store: " << e.what() << '\n';
        return 1;
    }
}

} // namespace AlertGate
