#pragma once

#include "config/Settings.h"

#include <string>

namespace AlertGate {

/// Reads and validates alertgate's INI file. The daemon's start-up and `alertgate check-config` both
/// go through here, so what check-config accepts is exactly what starts.
class SettingsLoader
{
public:
    static Settings defaults();
    /// The embedded defaults, used when no --config is given.

    static Settings load(const std::string& iniFile);
    /// Loads iniFile over the defaults. Throws ConfigError listing every problem found (unknown keys,
    /// bad values, unreadable secret files), each with the file, the key and the reason.
};

} // namespace AlertGate
