#pragma once

#include "core/BuzzerPattern.h"
#include "signal/buzzer/BuzzerSink.h"

#include <map>
#include <optional>
#include <string>

namespace AlertGate {

/// Hands the buzzer the pattern the lamp rule names, only when it changes (a sink restarts its cadence
/// on every apply). A name without a configured pattern is logged and leaves the buzzer quiet.
class BuzzerDriver
{
public:
    BuzzerDriver(BuzzerSink* sink, std::map<std::string, BuzzerPattern> patterns);
    /// sink may be null (no buzzer): then apply() does nothing.

    void apply(const std::optional<std::string>& patternName);

private:
    BuzzerSink* _sink;
    std::map<std::string, BuzzerPattern> _patterns;
    std::optional<std::optional<std::string>> _applied; ///< None before the first apply.
};

} // namespace AlertGate
