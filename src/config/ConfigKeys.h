#pragma once

#include "config/ConfigKey.h"

#include <string>
#include <vector>

namespace AlertGate {

/// The table of every configuration key (ConfigKeys.cpp) and the questions asked of it.
class ConfigKeys
{
public:
    static const std::vector<ConfigKey>& all();
    /// Every key, in the order of the shipped configuration file.

    static const ConfigKey* find(const std::string& fullName, std::string& wildcard);
    /// The key fullName ("http.listen", "lamp.critical") is, or null for an unknown key.

    static std::vector<std::string> needingRestart(const Settings& running, const Settings& fresh);
    /// The keys whose change from running to fresh a reload cannot apply, each named once, in table order.

    static std::vector<std::string> applying(const Settings& running, const Settings& fresh);
    /// The changed keys a reload applies at once.
};

} // namespace AlertGate
