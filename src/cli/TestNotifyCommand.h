#pragma once

#include "cli/CommandLine.h"

#include <ostream>

namespace AlertGate {

/// `alertgate test-notify slack|email [--config FILE]`: sends one sample notification through the real
/// channel, as the daemon would, and prints exactly what the server answered. Exit 0 when delivered.
class TestNotifyCommand
{
public:
    static int run(const CommandLine& line, std::ostream& out, std::ostream& err);
};

} // namespace AlertGate
