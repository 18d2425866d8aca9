#pragma once

#include "core/Notification.h"

#include <string>

namespace AlertGate {

/// Turns an Alertmanager webhook body (payload version 4) into a Notification.
///
/// Unknown fields are ignored (newer Alertmanagers add some); every field alertgate keeps must be
/// present and of the right type. Anything else throws PayloadError naming the field and the problem.
class PayloadParser
{
public:
    static Notification parse(const std::string& body);
};

} // namespace AlertGate
