#pragma once

#include "cli/CommandLine.h"

#include <ostream>

namespace AlertGate {

int runSubcommand(const CommandLine& line, std::ostream& out, std::ostream& err);
/// Runs line.subcommand and returns the process exit code.

} // namespace AlertGate
