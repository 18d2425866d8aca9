#pragma once

#include <string>

namespace AlertGate {

std::string usageText();
/// `alertgate --help`: the daemon's options and the subcommands with their filters.

} // namespace AlertGate
