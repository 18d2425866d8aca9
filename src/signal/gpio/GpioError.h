#pragma once

#include "core/Error.h"

#include <string>

namespace AlertGate {

/// A GPIO chip or line that cannot be opened, requested or driven; the message names the chip and line.
class GpioError : public Error
{
public:
    using Error::Error;

    static GpioError chip(const std::string& chip, int error);
    /// The chip cannot be opened; error is the errno (ENOENT adds a hint to `gpiodetect`).

    static GpioError line(const std::string& chip, const std::string& line, const std::string& what,
                          int error);
    /// The line cannot be requested, driven or read ("cannot be set"...); error is the errno.

    static GpioError noLine(const std::string& chip, const std::string& line);
    /// The chip has no line of that offset or name.
};

} // namespace AlertGate
