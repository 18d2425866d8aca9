#pragma once

#include <string>

namespace AlertGate::Test {

std::string replaced(std::string text, const std::string& from, const std::string& to);
/// text with the first from replaced by to, for turning a valid body into a broken one; throws
/// std::logic_error when text holds no from, so a test cannot pass by testing the unchanged text.

} // namespace AlertGate::Test
