#pragma once

#include <cstdio>
#include <cstdlib>

namespace AlertGate::Fuzz {

/// Stops the run as a crash when an invariant does not hold, so libFuzzer keeps the input: the
/// fuzz targets check promises of the production code, not only that it survives.
inline void requireThat(bool condition, const char* invariant)
{
    if (condition)
        return;
    std::fprintf(stderr, "fuzz invariant broken: %s\n", invariant);
    std::abort();
}

} // namespace AlertGate::Fuzz
