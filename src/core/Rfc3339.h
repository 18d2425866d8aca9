#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace AlertGate {

/// RFC 3339 timestamps as Go writes them: 0-9 fractional digits and "Z" or a "+hh:mm" offset.
class Rfc3339
{
public:
    static std::optional<std::int64_t> parseMicros(const std::string& text);
    /// Microseconds since the Unix epoch (UTC), or nothing when text is not an RFC 3339 date-time.

    static std::string formatMicros(std::int64_t micros);
    /// UTC with millisecond precision, "2026-11-23T00:31:42.123Z": fixed width, so it sorts as text.

    static bool isGoZeroTime(const std::string& text);
    /// True for Go's zero time.Time (year 1), which Alertmanager sends as endsAt of firing alerts.
};

} // namespace AlertGate
