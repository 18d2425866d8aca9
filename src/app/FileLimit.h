#pragma once

#include <cstdint>

namespace AlertGate {

std::uint64_t raiseOpenFileLimit();
/// Raises this process's soft RLIMIT_NOFILE to its hard limit (systemd's default soft limit of 1024
/// is below what http.max_idle_connections parks) and returns the soft limit now in force.

} // namespace AlertGate
