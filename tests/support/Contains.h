#pragma once

#include <string>

namespace AlertGate::Test {

bool contains(const std::string& text, const std::string& part);
/// Whether part occurs in text: what most assertions on a message, a log or an answer ask.

} // namespace AlertGate::Test
