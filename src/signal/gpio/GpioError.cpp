#include "signal/gpio/GpioError.h"

#include "core/Printable.h"

#include <cerrno>
#include <cstring>

namespace AlertGate {

GpioError GpioError::chip(const std::string& chip, int error)
{
    return GpioError("GPIO chip \"" + printable(chip) + "\" cannot be opened: " + std::strerror(error) +
                     (error == ENOENT ? " (is the chip name right? `gpiodetect` lists the chips)" : ""));
}

GpioError GpioError::line(const std::string& chip, const std::string& line, const std::string& what,
                          int error)
{
    return GpioError("GPIO line \"" + printable(line) + "\" on chip \"" + printable(chip) + "\" " + what +
                     ": " + std::strerror(error));
}

GpioError GpioError::noLine(const std::string& chip, const std::string& line)
{
    return GpioError("GPIO chip \"" + printable(chip) + "\" has no line \"" + printable(line) +
                     "\" (`gpioinfo " + printable(chip) + "` lists its lines)");
}

} // namespace AlertGate
