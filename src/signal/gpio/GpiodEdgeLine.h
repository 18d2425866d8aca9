#pragma once

#include "signal/gpio/GpioEdgeLine.h"
#include "signal/gpio/GpiodRequest.h"

#include <string>

namespace AlertGate {

/// A GPIO input line requested for both edges through libgpiod; released on destruction.
class GpiodEdgeLine : public GpioEdgeLine
{
public:
    GpiodEdgeLine(const std::string& chip, const std::string& line);
    /// Throws GpioError naming the chip and line when either is missing or the line is busy.

    std::optional<int> waitEdge(std::chrono::milliseconds timeout) override;

private:
    GpiodRequest _request;
};

} // namespace AlertGate
