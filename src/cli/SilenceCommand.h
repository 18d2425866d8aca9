#pragma once

#include "cli/CommandLine.h"

#include <ostream>

namespace AlertGate {

/// `alertgate silence [--config FILE] [--by NAME] [--comment TEXT]`: silences the buzzer until a new
/// alert fires, by calling the running daemon's POST /api/v1/silence with the configured listen address
/// and webhook credentials. Through the daemon rather than the store, so it reacts at once (the
/// silence lives in its memory, where the reconciler listens) without polling the database, and the
/// operator needs no write access to the history file.
class SilenceCommand
{
public:
    static int run(const CommandLine& line, std::ostream& out, std::ostream& err);
};

} // namespace AlertGate
