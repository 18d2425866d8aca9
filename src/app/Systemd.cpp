#include "app/Systemd.h"

#include <systemd/sd-daemon.h>

namespace AlertGate {

void Systemd::notify(const std::string& state)
{
    sd_notify(0, state.c_str());
}

std::optional<std::chrono::microseconds> Systemd::watchdogInterval()
{
    uint64_t usec = 0;
    if (sd_watchdog_enabled(0, &usec) <= 0 || usec == 0)
        return std::nullopt;
    return std::chrono::microseconds(usec);
}

} // namespace AlertGate
