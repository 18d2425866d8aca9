#pragma once

#include <stdexcept>

namespace AlertGate {

/// A GPIO chip or line that cannot be opened, requested or driven; the message names the chip and line.
class GpioError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

} // namespace AlertGate
