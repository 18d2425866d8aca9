#include "signal/silence/Silence.h"

namespace AlertGate {

void Silence::silence(TimePoint at, const std::string& by)
{
    std::function<void()> listener;
    {
        std::lock_guard<std::mutex> lock(_mutex);
        // A late or replayed silence (e.g. from a lagging clock) must not shrink what is already covered.
        if (!_since || at > *_since)
        {
            _since = at;
            _by = by;
        }
        listener = _listener;
    }
    // Called outside the lock: the listener (the reconciler) calls covers() back.
    if (listener)
        listener();
}

void Silence::restore(TimePoint at, const std::string& by)
{
    std::lock_guard<std::mutex> lock(_mutex);
    _since = at;
    _by = by;
}

bool Silence::covers(TimePoint newestActivation) const
{
    std::lock_guard<std::mutex> lock(_mutex);
    return _since && newestActivation <= *_since;
}

std::optional<Silence::TimePoint> Silence::since() const
{
    std::lock_guard<std::mutex> lock(_mutex);
    return _since;
}

std::string Silence::by() const
{
    std::lock_guard<std::mutex> lock(_mutex);
    return _by;
}

void Silence::setListener(std::function<void()> listener)
{
    std::lock_guard<std::mutex> lock(_mutex);
    _listener = std::move(listener);
}

} // namespace AlertGate
