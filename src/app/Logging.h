#pragma once

#include <string>

namespace AlertGate {

void configureLogging(const std::string& level);
/// One line per event on stderr, for journald. The timestamp is left out under systemd
/// (JOURNAL_STREAM is set), since the journal adds its own.

} // namespace AlertGate
