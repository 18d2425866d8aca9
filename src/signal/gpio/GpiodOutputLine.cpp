#include "signal/gpio/GpiodOutputLine.h"

#include "core/Printable.h"
#include "signal/gpio/GpioError.h"

#include <gpiod.h>

#include <cerrno>
#include <cstring>

namespace AlertGate {

GpiodOutputLine::GpiodOutputLine(const std::string& chip, const std::string& line, int initialLevel)
    : _chip(chip), _lineName(line), _line(_chip.line(line))
{
    if (gpiod_line_request_output(_line, "alertgate", initialLevel) != 0)
        throw GpioError("GPIO line \"" + printable(line) + "\" on chip \"" + printable(chip) +
                        "\" cannot be requested as an output: " + std::strerror(errno));
}

GpiodOutputLine::~GpiodOutputLine()
{
    gpiod_line_release(_line);
}

void GpiodOutputLine::setLevel(int level)
{
    if (gpiod_line_set_value(_line, level) != 0)
        throw GpioError("GPIO line \"" + printable(_lineName) + "\" on chip \"" + printable(_chip.name()) +
                        "\" cannot be set: " + std::strerror(errno));
}

} // namespace AlertGate
