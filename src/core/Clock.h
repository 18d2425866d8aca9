#pragma once

#include <chrono>
#include <cstdint>

namespace AlertGate {

/// Wall-clock time, injected so tests of time-dependent rules can move it instead of sleeping.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual std::int64_t nowMicros() const = 0;
    /// Microseconds since the Unix epoch, UTC.
};

class SystemClock : public Clock
{
public:
    std::int64_t nowMicros() const override
    {
        using namespace std::chrono;
        return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
    }
};

} // namespace AlertGate
