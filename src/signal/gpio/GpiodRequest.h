#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

namespace AlertGate {

/// One GPIO line requested for this process ("alertgate") through libgpiod 1.6 or 2.x, whichever the
/// build found; released on destruction. Levels are physical (1 = high).
class GpiodRequest
{
public:
    enum class Direction
    {
        Output, ///< Driven by setLevel().
        Input   ///< Reporting both edges to waitEdge().
    };

    GpiodRequest(const std::string& chip, const std::string& line, Direction direction, int initialLevel);
    /// Opens the chip (see GpiodChip) and requests the line; an output starts at initialLevel. Throws
    /// GpioError naming the chip and line when either is missing or the line is busy.

    ~GpiodRequest();

    GpiodRequest(const GpiodRequest&) = delete;
    GpiodRequest& operator=(const GpiodRequest&) = delete;

    void setLevel(int level);
    /// Drives an output line. Throws GpioError when the kernel refuses.

    std::optional<int> waitEdge(std::chrono::milliseconds timeout);
    /// Waits up to timeout for an edge of an input line; returns the level it went to, or nothing.
    /// Throws GpioError when the line cannot be read.

private:
    [[noreturn]] void fail(const std::string& what) const;

    struct Handle; ///< The backend's request, defined in libgpiod1/ or libgpiod2/.
    std::string _chipName;
    std::string _lineName;
    std::unique_ptr<Handle> _handle;
};

} // namespace AlertGate
