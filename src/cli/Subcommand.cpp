#include "cli/Subcommand.h"

#include "cli/CheckConfigCommand.h"
#include "cli/CheckStoreCommand.h"
#include "cli/HistoryCommand.h"
#include "cli/SilenceCommand.h"
#include "cli/TestNotifyCommand.h"

namespace AlertGate {

int runSubcommand(const CommandLine& line, std::ostream& out, std::ostream& err)
{
    if (line.subcommand == "check-config")
        return CheckConfigCommand::run(line, out, err);
    if (line.subcommand == "check-store")
        return CheckStoreCommand::run(line, out, err);
    if (line.subcommand == "test-notify")
        return TestNotifyCommand::run(line, out, err);
    if (line.subcommand == "silence")
        return SilenceCommand::run(line, out, err);
    return HistoryCommand::run(line, out, err);
}

} // namespace AlertGate
