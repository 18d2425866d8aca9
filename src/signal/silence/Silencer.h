#pragma once

#include "core/Clock.h"
#include "signal/silence/Silence.h"
#include "store/SilenceStore.h"

#include <string>

namespace AlertGate {

/// Gives a silence the way every source (API, button) must: at once in memory, so the buzzer stops,
/// then in the history. Thread-safe (each call uses a connection of its own).
class Silencer
{
public:
    Silencer(std::string storePath, std::int64_t busyTimeoutMs, const Clock& clock, Silence& silence);

    SilenceRecord give(const std::string& by, const std::string& via, const std::string& comment);
    /// Silences, then records it. Throws StoreError when it could not be recorded: the silence
    /// holds regardless, since the operator wants quiet now and the history can lag.

    void restore();
    /// At start-up: the last recorded silence becomes the current one, so alerts it covered stay
    /// quiet across a restart. Throws StoreError.

private:
    std::string _storePath;
    std::int64_t _busyTimeoutMs;
    const Clock& _clock;
    Silence& _silence;
};

} // namespace AlertGate
