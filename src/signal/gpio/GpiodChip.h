#pragma once

#include <memory>
#include <string>

struct gpiod_chip;

namespace AlertGate {

/// An open GPIO character device through libgpiod: 1.6 (Debian bookworm) or 2.x (trixie), whichever
/// the build found (libgpiod1/ or libgpiod2/ holds the implementation; the C type has one name in both).
class GpiodChip
{
public:
    explicit GpiodChip(const std::string& chip);
    /// chip: a path ("/dev/gpiochip0"), a name ("gpiochip0"), a number ("0") or a label
    /// ("pinctrl-rp1" on a Pi 5, "pinctrl-bcm2711" on a Pi 4), so one configuration serves every Pi.
    /// Throws GpioError naming the chip when it cannot be opened.

    unsigned offset(const std::string& line) const;
    /// line: an offset ("17") or a line name ("GPIO17"). Throws GpioError when the chip has no such line.

    gpiod_chip* get() const { return _chip.get(); }
    /// The open chip, for the backend's line requests; owned by this object.

    const std::string& name() const { return _name; }
    /// The chip as configured, for messages.

private:
    struct Closer
    {
        void operator()(gpiod_chip* chip) const;
    };
    std::string _name;
    std::unique_ptr<gpiod_chip, Closer> _chip;
};

} // namespace AlertGate
