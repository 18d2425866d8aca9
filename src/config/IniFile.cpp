#include "config/IniFile.h"

#include "config/ConfigError.h"

#include <Poco/AutoPtr.h>
#include <Poco/Util/IniFileConfiguration.h>

#include <fstream>

namespace AlertGate {

namespace {

Poco::AutoPtr<Poco::Util::IniFileConfiguration> open(const std::string& path)
{
    std::ifstream probe(path);
    if (!probe)
        throw ConfigError({path + ": cannot open the file"});
    try
    {
        return Poco::makeAuto<Poco::Util::IniFileConfiguration>(path);
    }
    catch (const Poco::Exception& e)
    {
        throw ConfigError({path + ": " + e.displayText()});
    }
}

// Poco reports an empty name part at the top level (a key or [section] starting with '.') as the
// key "", which names the top level itself: descending into it would never end, and no lookup can
// reach the keys below it, so it is refused as a whole.
void collect(const Poco::Util::AbstractConfiguration& config, const std::string& prefix,
             IniFile::Entries& out, Validation& validation)
{
    Poco::Util::AbstractConfiguration::Keys keys;
    config.keys(prefix, keys);
    for (const auto& key : keys)
    {
        if (prefix.empty() && key.empty())
        {
            validation.problem(".", "a key or [section] name must not start with '.'");
            continue;
        }
        std::string full = prefix.empty() ? key : prefix + "." + key;
        Poco::Util::AbstractConfiguration::Keys children;
        config.keys(full, children);
        if (children.empty())
            out.emplace_back(full, config.getRawString(full));
        else
            collect(config, full, out, validation);
    }
}

} // namespace

IniFile::Entries IniFile::read(const std::string& path, Validation& validation)
{
    auto config = open(path);
    Entries entries;
    collect(*config, "", entries, validation);
    return entries;
}

} // namespace AlertGate
