#pragma once

#include "cli/CommandLine.h"

#include <ostream>

namespace AlertGate {

/// `alertgate history`: reads the store named by the configuration (read-only, so it works while the
/// daemon runs) and prints the selected state changes.
class HistoryCommand
{
public:
    static int run(const CommandLine& line, std::ostream& out, std::ostream& err);
};

} // namespace AlertGate
