#include "signal/gpio/GpiodChip.h"

#include "core/Printable.h"
#include "signal/gpio/GpioError.h"

#include <gpiod.h>

#include <Poco/NumberParser.h>

#include <cerrno>
#include <cstring>

namespace AlertGate {

namespace {

std::string systemError(int error)
{
    return std::strerror(error);
}

} // namespace

void GpiodChip::Closer::operator()(gpiod_chip* chip) const
{
    gpiod_chip_close(chip);
}

GpiodChip::GpiodChip(const std::string& chip) : _name(chip)
{
    errno = 0;
    _chip.reset(gpiod_chip_open_lookup(chip.c_str()));
    if (!_chip)
    {
        int error = errno ? errno : ENOENT;
        throw GpioError("GPIO chip \"" + printable(chip) + "\" cannot be opened: " + systemError(error) +
                        (error == ENOENT ? " (is the chip name right? `gpiodetect` lists the chips)" : ""));
    }
}

gpiod_line* GpiodChip::line(const std::string& line) const
{
    unsigned offset = 0;
    gpiod_line* found = Poco::NumberParser::tryParseUnsigned(line, offset)
                            ? gpiod_chip_get_line(_chip.get(), offset)
                            : gpiod_chip_find_line(_chip.get(), line.c_str());
    if (!found)
        throw GpioError("GPIO chip \"" + printable(_name) + "\" has no line \"" + printable(line) +
                        "\" (`gpioinfo " + printable(_name) + "` lists its lines)");
    return found;
}

} // namespace AlertGate
