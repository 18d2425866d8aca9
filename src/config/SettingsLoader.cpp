#include "config/SettingsLoader.h"

#include "config/ConfigKeys.h"
#include "config/CrossKeyChecks.h"
#include "config/IniFile.h"
#include "config/Validation.h"

#include <Poco/Path.h>

namespace AlertGate {

Settings SettingsLoader::defaults()
{
    return Settings{};
}

// The INI walk: each key of the file goes through its slot in the table, then the rules that span
// keys run, then relative paths are taken from the file's directory.
Settings SettingsLoader::load(const std::string& iniFile)
{
    Validation validation(iniFile);
    IniFile::Entries entries = IniFile::read(iniFile, validation);
    std::string directory = Poco::Path(iniFile).absolute().parent().toString();
    Settings settings = defaults();
    settings.sourceFile = iniFile;
    std::vector<std::string> names;
    // Not a structured binding: a lambda below captures the value, which C++17 (and clang) refuse.
    for (const auto& entry : entries)
    {
        const std::string& name = entry.first;
        const std::string& value = entry.second;
        names.push_back(name);
        std::string wildcard;
        const ConfigKey* key = ConfigKeys::find(name, wildcard);
        if (!key)
            validation.problem(name, "unknown key");
        else
            validation.apply(name, [&] { key->slot.apply(settings, wildcard, value, directory); });
    }
    CrossKeyChecks::run(settings, names, validation);
    validation.throwIfAny();
    for (const auto& key : ConfigKeys::all())
        if (key.slot.resolve)
            key.slot.resolve(settings, directory);
    return settings;
}

} // namespace AlertGate
