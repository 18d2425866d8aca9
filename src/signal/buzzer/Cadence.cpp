#include "signal/buzzer/Cadence.h"

#include <algorithm>

namespace AlertGate {

Cadence::Cadence(GpioLine& line, bool activeLow, std::chrono::milliseconds maxSounding)
    : _line(line), _activeLow(activeLow), _maxSounding(maxSounding)
{
}

void Cadence::apply(const std::optional<BuzzerPattern>& pattern, Time now)
{
    if (pattern == _pattern)
        return;
    _pattern = pattern;
    _start = now;
    _exhausted = false;
}

std::optional<Cadence::Time> Cadence::advance(Time now)
{
    if (!_pattern || _exhausted)
    {
        drive(false);
        return std::nullopt;
    }
    Time end = _start + _maxSounding;
    if (now >= end)
    {
        // Nobody silenced it: stop anyway so a forgotten alarm does not sound all night.
        _exhausted = true;
        drive(false);
        return std::nullopt;
    }
    Time nextChange = end;
    drive(activeAt(now, nextChange));
    return std::min(nextChange, end);
}

void Cadence::quiet()
{
    _pattern.reset();
    drive(false);
}

bool Cadence::activeAt(Time now, Time& nextChange) const
{
    if (_pattern->off.count() <= 0)
        return true;
    auto period = _pattern->on + _pattern->off;
    auto phase = std::chrono::duration_cast<std::chrono::milliseconds>(now - _start) % period;
    bool active = phase < _pattern->on;
    nextChange = now + (active ? _pattern->on - phase : period - phase);
    return active;
}

void Cadence::drive(bool active)
{
    int level = active != _activeLow ? 1 : 0;
    if (_level == level)
        return;
    _line.setLevel(level);
    _level = level;
}

} // namespace AlertGate
