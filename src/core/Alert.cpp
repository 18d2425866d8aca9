#include "core/Alert.h"

namespace AlertGate {

std::string Alert::label(const std::string& name) const
{
    auto it = labels.find(name);
    return it == labels.end() ? std::string() : it->second;
}

} // namespace AlertGate
