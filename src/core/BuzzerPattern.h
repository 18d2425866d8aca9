#pragma once

#include <chrono>
#include <string>

namespace AlertGate {

/// One named buzzer cadence from the configuration: `on` sounding, then `off` quiet, repeated.
struct BuzzerPattern
{
    std::string name;
    std::chrono::milliseconds on{0};
    std::chrono::milliseconds off{0}; ///< 0: sounds continuously.

    bool operator==(const BuzzerPattern& other) const
    {
        return name == other.name && on == other.on && off == other.off;
    }
    bool operator!=(const BuzzerPattern& other) const { return !(*this == other); }
};

} // namespace AlertGate
