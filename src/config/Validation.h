#pragma once

#include "core/ValueError.h"

#include <functional>
#include <string>
#include <vector>

namespace AlertGate {

/// Collects every problem of one configuration file as "FILE: KEY: REASON", so that one run of the
/// loader (or check-config) reports them all at once.
class Validation
{
public:
    explicit Validation(std::string file);

    void problem(const std::string& key, const std::string& reason);
    void apply(const std::string& key, const std::function<void()>& action);
    /// Runs action; a value it refuses (ValueError) becomes a problem of key.
    void throwIfAny() const;
    /// Throws ConfigError with every problem, if there is one.

private:
    std::string _file;
    std::vector<std::string> _problems;
};

} // namespace AlertGate
