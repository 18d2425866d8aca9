#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace AlertGate {

std::optional<std::int64_t> parseDurationMillis(const std::string& text);
/// "500ms", "10s", "5m", "24h", "7d" and sums of them ("1h30m") in milliseconds; nothing when text is
/// anything else. A bare number is refused: a unit-less timeout is a guess waiting to go wrong.

std::optional<std::uint64_t> parseByteSize(const std::string& text);
/// "512", "64KiB", "1MiB", "2GiB" (also KB/MB/GB, as powers of 1000) in bytes.

} // namespace AlertGate
