#include "signal/silence/Debounce.h"

namespace AlertGate {

Debounce::Debounce(std::chrono::milliseconds quiet) : _quiet(quiet) {}

bool Debounce::press(bool active, Time at)
{
    bool afterQuiet = !_lastEdge || at - *_lastEdge >= _quiet;
    _lastEdge = at;
    return afterQuiet && active;
}

} // namespace AlertGate
