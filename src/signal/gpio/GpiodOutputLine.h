#pragma once

#include "signal/gpio/GpioLine.h"
#include "signal/gpio/GpiodRequest.h"

#include <string>

namespace AlertGate {

/// A GPIO output line requested through libgpiod; released (and the chip closed) on destruction.
class GpiodOutputLine : public GpioLine
{
public:
    GpiodOutputLine(const std::string& chip, const std::string& line, int initialLevel);
    /// Opens the chip and requests the line as an output for "alertgate". Throws GpioError naming the
    /// chip and line when either is missing or the line is busy.

    void setLevel(int level) override;

private:
    GpiodRequest _request;
};

} // namespace AlertGate
