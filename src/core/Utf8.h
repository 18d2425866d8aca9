#pragma once

#include <string>

namespace AlertGate {

bool isValidUtf8(const std::string& text);
/// True when text is well-formed UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF.

} // namespace AlertGate
