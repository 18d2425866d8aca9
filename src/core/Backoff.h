#pragma once

#include <chrono>
#include <optional>

namespace AlertGate {

/// When to try a failed delivery again: exponential (initial, doubling, capped at max) with
/// +/-20 % jitter so channels that failed together do not retry in lockstep. A server's own
/// Retry-After is honoured when it asks for longer.
class Backoff
{
public:
    using Duration = std::chrono::milliseconds;

    Backoff(Duration initial, Duration max);

    Duration delay(int failedAttempts, double jitterUnit,
                   std::optional<Duration> retryAfter = std::nullopt) const;
    /// The wait after failedAttempts failures (1 = the first failure). jitterUnit is a random number in
    /// [0, 1) (0.5 = no jitter), passed in so the policy itself stays deterministic and testable.

private:
    Duration _initial;
    Duration _max;
};

} // namespace AlertGate
