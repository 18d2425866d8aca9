#pragma once

#include "config/Validation.h"

#include <string>
#include <utility>
#include <vector>

namespace AlertGate {

/// The INI walk: every key of a file, in the file's order of sections, with its raw value.
class IniFile
{
public:
    using Entries = std::vector<std::pair<std::string, std::string>>; /// "section.key", value.

    static Entries read(const std::string& path, Validation& validation);
    /// Throws ConfigError when the file cannot be opened or parsed; a name Poco cannot represent
    /// (starting with '.') is a problem in validation.
};

} // namespace AlertGate
