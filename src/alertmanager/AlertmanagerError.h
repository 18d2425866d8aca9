#pragma once

#include "core/Error.h"

namespace AlertGate {

/// Alertmanager could not be asked, or answered something that is not its API: reconciliation changes
/// nothing this round.
class AlertmanagerError : public Error
{
public:
    using Error::Error;
};

} // namespace AlertGate
