#include "config/Validation.h"

#include "config/ConfigError.h"
#include "core/ValueError.h"

#include <stdexcept>

namespace AlertGate {

Validation::Validation(std::string file) : _file(std::move(file)) {}

void Validation::problem(const std::string& key, const std::string& reason)
{
    _problems.push_back(_file + ": " + key + ": " + reason);
}

void Validation::apply(const std::string& key, const std::function<void()>& action)
{
    try
    {
        action();
    }
    catch (const ValueError& e)
    {
        problem(key, e.what());
    }
}

void Validation::throwIfAny() const
{
    if (!_problems.empty())
        throw ConfigError(_problems);
}

} // namespace AlertGate
