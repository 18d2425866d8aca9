#pragma once

#include <cstdint>
#include <istream>
#include <string>

namespace AlertGate {

std::string readAtMost(std::istream& in, std::uint64_t limit);
/// Reads at most limit + 1 bytes, so a body that is too large (chunked, or lying about its length)
/// is detected (size() > limit) without being held in memory.

} // namespace AlertGate
