#pragma once

#include <chrono>
#include <optional>

namespace AlertGate {

/// One GPIO input line, requested for edge events on both edges.
class GpioEdgeLine
{
public:
    virtual ~GpioEdgeLine() = default;

    virtual std::optional<int> waitEdge(std::chrono::milliseconds timeout) = 0;
    /// Waits up to timeout for the next edge; returns the physical level it went to (1 = high), or
    /// nothing when none came. Throws GpioError when the line cannot be read.
};

} // namespace AlertGate
