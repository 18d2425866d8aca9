#pragma once

#include "core/Error.h"

namespace AlertGate {

/// A value that cannot be used: a configuration value, a label matcher, a lamp spec, a template, a
/// field of a request. what() is the reason, without the value's name; the catcher knows that name
/// (the loader reports "FILE: KEY: REASON").
class ValueError : public Error
{
public:
    using Error::Error;
};

} // namespace AlertGate
