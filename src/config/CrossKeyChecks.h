#pragma once

#include "config/Settings.h"
#include "config/Validation.h"

#include <string>
#include <vector>

namespace AlertGate {

/// The rules that span keys (both halves of a credential, a channel's required keys, buzzer
/// patterns that must exist), run once every key has been parsed.
class CrossKeyChecks
{
public:
    static void run(const Settings& settings, const std::vector<std::string>& keysInFile,
                    Validation& validation);
};

} // namespace AlertGate
