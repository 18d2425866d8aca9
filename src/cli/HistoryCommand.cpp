#include "cli/HistoryCommand.h"

#include "config/ConfigError.h"
#include "config/SettingsLoader.h"
#include "core/Clock.h"
#include "format/HistoryFormatter.h"
#include "store/Database.h"
#include "store/HistoryQuery.h"
#include "store/StoreError.h"

#include <Poco/File.h>

namespace AlertGate {

namespace {

struct Request
{
    HistoryFilter filter;
    HistoryFormatter::Format format = HistoryFormatter::Format::Table;
};

Request requestFrom(const CommandLine& line)
{
    Request request;
    std::int64_t now = SystemClock().nowMicros();
    for (const auto& [name, value] : line.options)
    {
        if (name == "format")
        {
            if (!HistoryFormatter::parseFormat(value, request.format))
                throw FilterError("invalid value \"" + value +
                                  "\" for --format: expected table, json or csv");
        }
        else
            request.filter.set(name, value, now);
    }
    return request;
}

} // namespace

int HistoryCommand::run(const CommandLine& line, std::ostream& out, std::ostream& err)
{
    if (!line.arguments.empty())
    {
        err << "alertgate history: unexpected argument " << line.arguments.front() << '\n';
        return 2;
    }
    try
    {
        Request request = requestFrom(line);
        Settings settings =
            line.configFile.empty() ? SettingsLoader::defaults() : SettingsLoader::load(line.configFile);
        if (!Poco::File(settings.store.path).exists())
        {
            err << "alertgate history: no history at " << settings.store.path
                << " (has alertgate run with this configuration?)\n";
            return 1;
        }
        Database db(settings.store.path, Database::Mode::ReadOnly, settings.store.busyTimeoutMs);
        HistoryFormatter::write(out, HistoryQuery(db).events(request.filter), request.format);
        return 0;
    }
    catch (const FilterError& e)
    {
        err << "alertgate history: " << e.what() << '\n';
        return 2;
    }
    catch (const ConfigError& e)
    {
        err << e.what() << '\n';
        return 1;
    }
    catch (const StoreError& e)
    {
        err << "alertgate history: " << e.what() << '\n';
        return 1;
    }
}

} // namespace AlertGate
