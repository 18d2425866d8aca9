#pragma once

#include "signal/gpio/GpioLine.h"

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <vector>

namespace AlertGate {

/// A GPIO output line that records every level written, with the time it was written: the time the
/// test says it is (setNow) for exact cadence tests, else the steady clock.
class FakeGpioLine : public GpioLine
{
public:
    using Time = std::chrono::steady_clock::time_point;

    struct Write
    {
        Time at;
        int level;
    };

    void setLevel(int level) override;

    void setNow(Time now);
    void failWrites(bool fail);
    /// While true, setLevel() throws GpioError as a line gone away would.

    std::vector<Write> writes() const;
    int level() const;
    /// The last level written; -1 before any.

    bool waitForWrites(std::size_t count, std::chrono::milliseconds timeout) const;
    /// For tests of the threaded buzzer: true once at least count levels have been written.

private:
    mutable std::mutex _mutex;
    mutable std::condition_variable _written;
    std::vector<Write> _writes;
    std::optional<Time> _now;
    bool _fail = false;
};

} // namespace AlertGate
