#include "config/ConfigKey.h"

namespace AlertGate {

std::string ConfigKey::section() const
{
    return name.substr(0, name.find('.'));
}

std::string ConfigKey::key() const
{
    return name.substr(name.find('.') + 1);
}

bool ConfigKey::isWildcard() const
{
    std::string last = name.substr(name.rfind('.') + 1);
    return !last.empty() && last.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") == std::string::npos;
}

bool ConfigKey::matches(const std::string& fullName, std::string& wildcard) const
{
    if (!isWildcard())
        return fullName == name;
    std::string prefix = name.substr(0, name.rfind('.') + 1);
    if (fullName.size() <= prefix.size() || fullName.compare(0, prefix.size(), prefix) != 0)
        return false;
    wildcard = fullName.substr(prefix.size());
    return wildcard.find('.') == std::string::npos;
}

} // namespace AlertGate
