#pragma once

#include "signal/gpio/GpioEdgeLine.h"
#include "signal/gpio/GpiodChip.h"

#include <string>

namespace AlertGate {

/// A GPIO input line requested for both edges through libgpiod 1.6; released on destruction.
class GpiodEdgeLine : public GpioEdgeLine
{
public:
    GpiodEdgeLine(const std::string& chip, const std::string& line);
    /// Throws GpioError naming the chip and line when either is missing or the line is busy.

    ~GpiodEdgeLine() override;

    GpiodEdgeLine(const GpiodEdgeLine&) = delete;
    GpiodEdgeLine& operator=(const GpiodEdgeLine&) = delete;

    std::optional<int> waitEdge(std::chrono::milliseconds timeout) override;

private:
    [[noreturn]] void fail(const std::string& what) const;

    GpiodChip _chip;
    std::string _lineName;
    gpiod_line* _line; ///< Owned by _chip; released in the destructor.
};

} // namespace AlertGate
