#include "signal/buzzer/BuzzerDriver.h"

#include <Poco/Logger.h>

namespace AlertGate {

BuzzerDriver::BuzzerDriver(BuzzerSink* sink, std::map<std::string, BuzzerPattern> patterns)
    : _sink(sink), _patterns(std::move(patterns))
{
}

void BuzzerDriver::apply(const std::optional<std::string>& patternName)
{
    if (!_sink || (_applied && *_applied == patternName))
        return;
    std::optional<BuzzerPattern> pattern;
    if (patternName)
    {
        auto found = _patterns.find(*patternName);
        if (found == _patterns.end())
            Poco::Logger::get("tower").error("no buzzer pattern named \"%s\"; the buzzer stays quiet",
                                             *patternName);
        else
            pattern = found->second;
    }
    _sink->apply(pattern);
    _applied = patternName;
}

} // namespace AlertGate
