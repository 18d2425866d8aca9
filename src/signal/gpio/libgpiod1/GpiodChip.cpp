// libgpiod 1.6 (Debian bookworm): the build links this file when pkg-config finds libgpiod < 2.
#include "signal/gpio/GpiodChip.h"

#include "signal/gpio/GpioError.h"

#include <gpiod.h>

#include <Poco/NumberParser.h>

#include <cerrno>

namespace AlertGate {

void GpiodChip::Closer::operator()(gpiod_chip* chip) const
{
    gpiod_chip_close(chip);
}

GpiodChip::GpiodChip(const std::string& chip) : _name(chip)
{
    // gpiod_chip_open_lookup() takes a path, a name, a number or a label.
    errno = 0;
    _chip.reset(gpiod_chip_open_lookup(chip.c_str()));
    if (!_chip)
        throw GpioError::chip(chip, errno ? errno : ENOENT);
}

unsigned GpiodChip::offset(const std::string& line) const
{
    unsigned offset = 0;
    if (Poco::NumberParser::tryParseUnsigned(line, offset))
    {
        if (offset >= gpiod_chip_num_lines(_chip.get()))
            throw GpioError::noLine(_name, line);
        return offset;
    }
    gpiod_line* found = gpiod_chip_find_line(_chip.get(), line.c_str());
    if (!found)
        throw GpioError::noLine(_name, line);
    return gpiod_line_offset(found);
}

} // namespace AlertGate
