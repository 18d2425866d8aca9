#pragma once

#include "signal/gpio/GpioLine.h"
#include "signal/gpio/GpiodChip.h"

#include <string>

namespace AlertGate {

/// A GPIO output line requested through libgpiod 1.6; released (and the chip closed) on destruction.
class GpiodOutputLine : public GpioLine
{
public:
    GpiodOutputLine(const std::string& chip, const std::string& line, int initialLevel);
    /// Opens the chip and requests the line as an output for "alertgate". Throws GpioError naming the
    /// chip and line when either is missing or the line is busy.

    ~GpiodOutputLine() override;

    GpiodOutputLine(const GpiodOutputLine&) = delete;
    GpiodOutputLine& operator=(const GpiodOutputLine&) = delete;

    void setLevel(int level) override;

private:
    GpiodChip _chip;
    std::string _lineName;
    gpiod_line* _line; ///< Owned by _chip; released in the destructor.
};

} // namespace AlertGate
