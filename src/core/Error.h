#pragma once

#include <stdexcept>

namespace AlertGate {

/// The base of alertgate's own exceptions (ConfigError, StoreError, PayloadError, GpioError,
/// ValueError, UsageError, FilterError): what one layer cannot do, carried to the layer that decides
/// what it means. what() is written for the person who reads the log or the command's output.
class Error : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

} // namespace AlertGate
