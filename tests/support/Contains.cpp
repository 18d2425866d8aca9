#include "Contains.h"

namespace AlertGate::Test {

bool contains(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

} // namespace AlertGate::Test
