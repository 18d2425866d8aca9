#pragma once

#include <optional>
#include <string>

namespace AlertGate {

std::optional<std::string> nameWithNul(const std::string& json);
/// The first object member name in json that holds an escaped NUL (\u0000), as written up to that
/// escape; nothing when there is none. POCO's JSON parser cuts names at a NUL, so "severity\u0000x"
/// would silently become (and override) "severity": such a body must be refused before parsing.
/// Values are not concerned: they keep their NUL bytes.

} // namespace AlertGate
