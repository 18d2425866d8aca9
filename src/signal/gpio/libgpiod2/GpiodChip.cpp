// libgpiod 2.x (Debian trixie): the build links this file when pkg-config finds libgpiod >= 2.
#include "signal/gpio/GpiodChip.h"

#include "signal/gpio/GpioError.h"

#include <gpiod.h>

#include <Poco/NumberParser.h>

#include <cerrno>
#include <filesystem>

namespace AlertGate {

namespace {

using ChipInfo = std::unique_ptr<gpiod_chip_info, decltype(&gpiod_chip_info_free)>;

ChipInfo infoOf(gpiod_chip* chip)
{
    return ChipInfo(gpiod_chip_get_info(chip), &gpiod_chip_info_free);
}

// 2.x opens paths only (1.6's gpiod_chip_open_lookup() is gone); a label ("pinctrl-rp1") is found by
// asking every chip in /dev, as gpiodetect does.
gpiod_chip* openByLabel(const std::string& label)
{
    std::error_code ignored;
    for (const auto& entry : std::filesystem::directory_iterator("/dev", ignored))
    {
        std::string path = entry.path().string();
        if (entry.path().filename().string().rfind("gpiochip", 0) != 0 ||
            !gpiod_is_gpiochip_device(path.c_str()))
            continue;
        gpiod_chip* chip = gpiod_chip_open(path.c_str());
        if (!chip)
            continue;
        ChipInfo info = infoOf(chip);
        if (info && label == gpiod_chip_info_get_label(info.get()))
            return chip;
        gpiod_chip_close(chip);
    }
    errno = ENOENT;
    return nullptr;
}

gpiod_chip* openLookup(const std::string& chip)
{
    unsigned number = 0;
    if (chip.find('/') != std::string::npos)
        return gpiod_chip_open(chip.c_str());
    if (Poco::NumberParser::tryParseUnsigned(chip, number))
        return gpiod_chip_open(("/dev/gpiochip" + chip).c_str());
    if (chip.rfind("gpiochip", 0) == 0 && std::filesystem::exists("/dev/" + chip))
        return gpiod_chip_open(("/dev/" + chip).c_str());
    return openByLabel(chip);
}

} // namespace

void GpiodChip::Closer::operator()(gpiod_chip* chip) const
{
    gpiod_chip_close(chip);
}

GpiodChip::GpiodChip(const std::string& chip) : _name(chip)
{
    errno = 0;
    _chip.reset(chip.empty() ? nullptr : openLookup(chip));
    if (!_chip)
        throw GpioError::chip(chip, errno ? errno : ENOENT);
}

unsigned GpiodChip::offset(const std::string& line) const
{
    unsigned offset = 0;
    if (Poco::NumberParser::tryParseUnsigned(line, offset))
    {
        ChipInfo info = infoOf(_chip.get());
        if (!info || offset >= gpiod_chip_info_get_num_lines(info.get()))
            throw GpioError::noLine(_name, line);
        return offset;
    }
    int found = gpiod_chip_get_line_offset_from_name(_chip.get(), line.c_str());
    if (found < 0)
        throw GpioError::noLine(_name, line);
    return static_cast<unsigned>(found);
}

} // namespace AlertGate
