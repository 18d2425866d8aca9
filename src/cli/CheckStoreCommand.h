#pragma once

#include "cli/CommandLine.h"

#include <ostream>

namespace AlertGate {

/// `alertgate check-store`: the whole-file check (PRAGMA quick_check) of the history database on
/// demand; start-up runs it only after an unclean stop. Safe while the daemon runs (it only reads).
/// Exits 0 when the store is sound, 1 with SQLite's verdict when not.
class CheckStoreCommand
{
public:
    static int run(const CommandLine& line, std::ostream& out, std::ostream& err);
};

} // namespace AlertGate
