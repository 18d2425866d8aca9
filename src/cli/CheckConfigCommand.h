#pragma once

#include "cli/CommandLine.h"

#include <ostream>

namespace AlertGate {

/// `alertgate check-config`: the start-up validation without starting. Prints each problem as
/// FILE: KEY: REASON and exits 1, or says the file is usable and exits 0.
class CheckConfigCommand
{
public:
    static int run(const CommandLine& line, std::ostream& out, std::ostream& err);
};

} // namespace AlertGate
