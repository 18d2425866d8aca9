#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace AlertGate {

/// The service manager's notification protocol (sd_notify). Every call is a no-op when alertgate
/// does not run under systemd (no NOTIFY_SOCKET).
class Systemd
{
public:
    static void notify(const std::string& state);
    /// "READY=1", "RELOADING=1", "STOPPING=1", "WATCHDOG=1", "STATUS=..." (see sd_notify(3)).

    static std::optional<std::chrono::microseconds> watchdogInterval();
    /// WatchdogSec= of the unit, when systemd expects pings from this process.
};

} // namespace AlertGate
