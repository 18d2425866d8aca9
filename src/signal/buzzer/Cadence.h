#pragma once

#include "core/BuzzerPattern.h"
#include "signal/gpio/GpioLine.h"

#include <chrono>
#include <optional>

namespace AlertGate {

/// The buzzer's timing policy over one output line, with no thread and no clock of its own: the caller
/// says what time it is, Cadence sets the line and says when it next needs to be called. Not thread-safe.
class Cadence
{
public:
    using Time = std::chrono::steady_clock::time_point;

    Cadence(GpioLine& line, bool activeLow, std::chrono::milliseconds maxSounding);

    void apply(const std::optional<BuzzerPattern>& pattern, Time now);
    /// The same pattern again keeps its cadence and its max-sounding clock running; another pattern
    /// (or quiet, then a pattern) starts afresh. Call advance() afterwards.

    std::optional<Time> advance(Time now);
    /// Sets the line to what it carries at now; returns when the level changes next, or nothing when
    /// it stays as it is until the next apply(). Throws GpioError when the line cannot be set.

    void quiet();
    /// Drives the line inactive and forgets the pattern (shutdown).

    bool sounding() const { return _pattern && !_exhausted; }
    /// A pattern runs and its max sounding time has not run out.

    const std::optional<BuzzerPattern>& pattern() const { return _pattern; }

private:
    bool activeAt(Time now, Time& nextChange) const;
    void drive(bool active);

    GpioLine& _line;
    bool _activeLow;
    std::chrono::milliseconds _maxSounding;
    std::optional<BuzzerPattern> _pattern;
    Time _start{};
    bool _exhausted = false;
    std::optional<int> _level;
};

} // namespace AlertGate
