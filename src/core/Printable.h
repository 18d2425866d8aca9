#pragma once

#include <string>

namespace AlertGate {

std::string printable(const std::string& text, std::size_t maxBytes = 80);
/// text made safe for a log line or an error message: control characters (CR, LF, ESC...) become
/// \xNN escapes, and anything past maxBytes is cut with "..." so hostile input cannot forge lines.

} // namespace AlertGate
