#pragma once

#include "core/Error.h"

#include <stdexcept>

namespace AlertGate {

/// A GPIO chip or line that cannot be opened, requested or driven; the message names the chip and line.
class GpioError : public Error
{
public:
    using Error::Error;
};

} // namespace AlertGate
