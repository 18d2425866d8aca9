#pragma once

#include "core/Clock.h"

#include <atomic>
#include <cstdint>

namespace AlertGate::Test {

/// A clock that stands still until the test moves it: time-dependent rules are stepped, not waited for.
class FakeClock : public Clock
{
public:
    explicit FakeClock(std::int64_t startMicros = 1795000000000000) : _now(startMicros) {}

    std::int64_t nowMicros() const override { return _now; }
    void set(std::int64_t micros) { _now = micros; }
    void advanceMs(std::int64_t ms) { _now += ms * 1000; }

private:
    std::atomic<std::int64_t> _now;
};

} // namespace AlertGate::Test
