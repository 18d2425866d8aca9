#pragma once

#include <string>

namespace AlertGate {

std::string base64(const std::string& bytes);
/// Standard base64 (RFC 4648) on one line, padded.

} // namespace AlertGate
