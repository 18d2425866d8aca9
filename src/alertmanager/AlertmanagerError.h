#pragma once

#include <stdexcept>
#include <string>

namespace AlertGate {

/// Alertmanager could not be asked, or answered something that is not its API: reconciliation changes
/// nothing this round.
class AlertmanagerError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

} // namespace AlertGate
