#pragma once

#include "core/BuzzerPattern.h"

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace AlertGate::ValueParsers {

/// The parsers the key table's slots use. Each returns the typed value or throws ValueError
/// with the reason, which the loader reports as "FILE: KEY: REASON".

struct Range
{
    std::int64_t min;
    std::int64_t max;
};

std::int64_t duration(const std::string& value, Range range);
/// Milliseconds of "500ms", "10s", "1h30m", within range.
int integer(const std::string& value, Range range);
std::uint64_t bytes(const std::string& value, Range range);
/// "65536", "64KiB", "1MiB", within range.
bool boolean(const std::string& value);
/// true/yes/on/1 or false/no/off/0.
std::pair<std::string, std::uint16_t> listen(const std::string& value);
/// "127.0.0.1:9098" or "[::1]:9098": the address and the port (0: any free port).
const std::string& nonEmpty(const std::string& value);
const std::string& headerSafe(const std::string& value);
/// value, refused when it holds control characters (it goes into protocol headers).
std::string oneOf(const std::string& value, const std::vector<std::string>& words);
std::string matchers(const std::string& value);
/// Alertmanager-style matchers, checked and kept as text.
std::string lampSpec(const std::string& value);
/// A TowerState::parse spec ("red:on, yellow:flash"), checked and kept as text.
std::string mailbox(const std::string& value);
std::vector<std::string> mailboxes(const std::string& value);
/// One or more e-mail addresses separated by commas.
std::string httpsUrl(const std::string& value);
std::string httpsBaseUrl(const std::string& value);
/// An https URL that paths are appended to (Slack's Web API): kept without its trailing slashes.
std::vector<std::string> labelNames(const std::string& value);
std::vector<std::string> httpUrls(const std::string& value);
/// "http://am-1:9093, http://am-2:9093": one or more http or https URLs separated by commas.
/// "alertname, instance": Prometheus label names separated by commas; empty is allowed (none).
std::map<std::string, std::string> severityPatterns(const std::string& value);
/// "critical:alarm, warning:beep": severity -> buzzer pattern name.
BuzzerPattern buzzerPattern(const std::string& name, const std::string& value);
/// "500ms/500ms": sounding, then quiet; name is the pattern's (lower-case letters, digits, _ and -).
std::string pathIn(const std::string& directory, const std::string& value);
/// value taken relative to directory (the configuration file's) unless it is absolute.

std::string durationText(std::int64_t millis);
/// The shortest way to write millis as a duration value ("500ms", "10s", "5m", "24h", "7d").

} // namespace AlertGate::ValueParsers
