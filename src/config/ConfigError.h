#pragma once

#include "core/Error.h"

#include <stdexcept>
#include <string>
#include <vector>

namespace AlertGate {

/// A configuration that cannot be used. problems() lists each one as "FILE: KEY: REASON".
class ConfigError : public Error
{
public:
    explicit ConfigError(std::vector<std::string> problems)
        : Error(join(problems)), _problems(std::move(problems))
    {
    }

    const std::vector<std::string>& problems() const { return _problems; }

private:
    static std::string join(const std::vector<std::string>& problems)
    {
        std::string text;
        for (const auto& p : problems)
            text += (text.empty() ? "" : "\n") + p;
        return text;
    }

    std::vector<std::string> _problems;
};

} // namespace AlertGate
