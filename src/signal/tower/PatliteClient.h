#pragma once

#include "core/TowerState.h"

#include <string>

namespace AlertGate {

/// How the tower took one command.
struct TowerAnswer
{
    bool ok = false;
    std::string error;            /// Why not, for the log, /-/ready and /metrics.
    bool controlDisabled = false; /// The tower refuses remote control until it is enabled on the tower.
};

/// A PATLITE tower that takes its complete state in one command. Implementations keep one request in
/// flight (the caller is one thread), bound every request with a timeout and never throw for a tower
/// that is down or refuses: that is an answer.
class PatliteClient
{
public:
    virtual ~PatliteClient() = default;

    virtual TowerAnswer apply(const TowerState& state) = 0;

    virtual std::string describe() const = 0;
    /// "http://192.0.2.10:80" or "pns://192.0.2.10:10000", for the log.
};

} // namespace AlertGate
