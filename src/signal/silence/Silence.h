#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

namespace AlertGate {

/// "Quiet until a new alert fires": a silence covers the alerts that became active at or before the
/// moment it was given. Thread-safe; shared by the silence API, the CLI path, the GPIO button and the
/// reconciler, which registers a listener to re-evaluate when a silence is given.
class Silence
{
public:
    using TimePoint = std::chrono::system_clock::time_point;

    /// Records the silence in memory and calls the listener; persisting it is the caller's job.
    void silence(TimePoint at, const std::string& by);

    /// Restores the last persisted silence at start-up, without calling the listener.
    void restore(TimePoint at, const std::string& by);

    /// True when a silence exists and no sounding alert became active after it.
    bool covers(TimePoint newestActivation) const;

    std::optional<TimePoint> since() const;
    std::string by() const;

    void setListener(std::function<void()> listener);

private:
    mutable std::mutex _mutex;
    std::optional<TimePoint> _since;
    std::string _by;
    std::function<void()> _listener;
};

} // namespace AlertGate
