#include "Replaced.h"

#include <stdexcept>

namespace AlertGate::Test {

std::string replaced(std::string text, const std::string& from, const std::string& to)
{
    auto at = text.find(from);
    if (at == std::string::npos)
        throw std::logic_error("the text lacks " + from);
    return text.replace(at, from.size(), to);
}

} // namespace AlertGate::Test
