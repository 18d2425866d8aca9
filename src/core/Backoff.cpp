#include "core/Backoff.h"

#include <algorithm>

namespace AlertGate {

Backoff::Backoff(Duration initial, Duration max) : _initial(initial), _max(std::max(initial, max)) {}

Backoff::Duration Backoff::delay(int failedAttempts, double jitterUnit,
                                 std::optional<Duration> retryAfter) const
{
    double base = static_cast<double>(_initial.count());
    for (int i = 1; i < failedAttempts && base < static_cast<double>(_max.count()); ++i)
        base *= 2;
    base = std::min(base, static_cast<double>(_max.count()));
    double jittered = base * (0.8 + 0.4 * std::clamp(jitterUnit, 0.0, 1.0));
    Duration wait(static_cast<Duration::rep>(std::min(jittered, static_cast<double>(_max.count()))));
    return retryAfter ? std::max(wait, *retryAfter) : wait;
}

} // namespace AlertGate
