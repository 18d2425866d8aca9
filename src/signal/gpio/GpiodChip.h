#pragma once

#include <memory>
#include <string>

struct gpiod_chip;
struct gpiod_line;

namespace AlertGate {

/// An open GPIO character device through libgpiod 1.6 (Debian bookworm). libgpiod 2 changed the API
/// completely; a Gpiod2Chip would sit beside this one behind GpioLine.
class GpiodChip
{
public:
    explicit GpiodChip(const std::string& chip);
    /// chip: a name ("gpiochip0"), a path ("/dev/gpiochip0"), a label or a number, as
    /// gpiod_chip_open_lookup() takes it. Throws GpioError naming the chip when it cannot be opened.

    gpiod_line* line(const std::string& line) const;
    /// line: an offset ("17") or a line name ("BUZZER"). Throws GpioError when the chip has no such line.

    const std::string& name() const { return _name; }

private:
    struct Closer
    {
        void operator()(gpiod_chip* chip) const;
    };
    std::string _name;
    std::unique_ptr<gpiod_chip, Closer> _chip;
};

} // namespace AlertGate
