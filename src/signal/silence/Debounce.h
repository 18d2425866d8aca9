#pragma once

#include <chrono>
#include <optional>

namespace AlertGate {

/// Turns a bouncing contact's edges into presses: an edge counts only after the line has been quiet
/// for the debounce time, so the bounces that follow a press or a release are ignored, and a short
/// tap whose release was lost in its own bounce does not hide the next press. Not thread-safe.
class Debounce
{
public:
    using Time = std::chrono::steady_clock::time_point;

    explicit Debounce(std::chrono::milliseconds quiet);

    bool press(bool active, Time at);
    /// Feeds one edge (active: the button's pressed level); true when it is a new press.

private:
    std::chrono::milliseconds _quiet;
    std::optional<Time> _lastEdge;
};

} // namespace AlertGate
