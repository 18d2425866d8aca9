#include "config/KeySlots.h"

#include <algorithm>
#include <tuple>

namespace AlertGate::KeySlots {

namespace {

std::string checkedNonEmpty(const std::string& v)
{
    return ValueParsers::nonEmpty(v);
}

std::string checkedHostName(const std::string& v)
{
    return ValueParsers::nonEmpty(ValueParsers::headerSafe(v));
}

std::string unchecked(const std::string& v)
{
    return v;
}

} // namespace

const TextCheck anyText{"text", unchecked};
const TextCheck nonEmpty{"text", checkedNonEmpty};
const TextCheck hostName{"host name", checkedHostName};
const TextCheck lampSpec{"LAMP:MODE pairs", ValueParsers::lampSpec};
const TextCheck matchers{"matchers", ValueParsers::matchers};
const TextCheck httpsUrl{"https URL", ValueParsers::httpsUrl};
const TextCheck httpsBaseUrl{"https URL", ValueParsers::httpsBaseUrl};

std::string sizeText(std::uint64_t bytes)
{
    if (bytes != 0 && bytes % (1 << 20) == 0)
        return std::to_string(bytes >> 20) + "MiB";
    if (bytes != 0 && bytes % 1024 == 0)
        return std::to_string(bytes >> 10) + "KiB";
    return std::to_string(bytes);
}

ConfigKey::Slot secretFile(const ConfigKey::Slot& inlineSlot)
{
    auto apply = inlineSlot.apply;
    return {"file path (a secret; not readable by others)",
            [apply](Settings& s, const std::string& wildcard, const std::string& value,
                    const std::string& directory) {
                apply(s, wildcard, readSecretFile(ValueParsers::pathIn(directory, value)), directory);
            },
            [](const Settings&, const Settings&, const std::string&) { return std::vector<std::string>{}; },
            nullptr};
}

ConfigKey::Slot listen()
{
    return {"ADDRESS:PORT",
            [](Settings& s, const std::string&, const std::string& value, const std::string&) {
                std::tie(s.http.host, s.http.port) = ValueParsers::listen(value);
            },
            [](const Settings& running, const Settings& fresh, const std::string& name) {
                bool same = running.http.host == fresh.http.host && running.http.port == fresh.http.port;
                return same ? std::vector<std::string>{} : std::vector<std::string>{name};
            },
            nullptr};
}

namespace {

// The names, under prefix, of the entries that differ between two maps (added, removed or changed).
template <typename Map>
std::vector<std::string> differingNames(const Map& running, const Map& fresh, const std::string& prefix)
{
    std::vector<std::string> names;
    for (const auto& [name, value] : running)
    {
        auto other = fresh.find(name);
        if (other == fresh.end() || other->second != value)
            names.push_back(prefix + name);
    }
    for (const auto& entry : fresh)
        if (running.find(entry.first) == running.end())
            names.push_back(prefix + entry.first);
    std::sort(names.begin(), names.end());
    return names;
}

std::map<std::string, BuzzerPattern> byName(const std::vector<BuzzerPattern>& patterns)
{
    std::map<std::string, BuzzerPattern> result;
    for (const auto& pattern : patterns)
        result.emplace(pattern.name, pattern);
    return result;
}

} // namespace

ConfigKey::Slot lampSeverity()
{
    return {"LAMP:MODE pairs",
            [](Settings& s, const std::string& severity, const std::string& value, const std::string&) {
                s.lamp.severities[severity] = ValueParsers::lampSpec(value);
            },
            [](const Settings& running, const Settings& fresh, const std::string&) {
                return differingNames(running.lamp.severities, fresh.lamp.severities, "lamp.");
            },
            nullptr};
}

ConfigKey::Slot buzzerPattern()
{
    return {"ON/OFF durations",
            [](Settings& s, const std::string& name, const std::string& value, const std::string&) {
                BuzzerPattern pattern = ValueParsers::buzzerPattern(name, value);
                auto& patterns = s.buzzer.patterns;
                auto same = std::find_if(patterns.begin(), patterns.end(),
                                         [&](const BuzzerPattern& p) { return p.name == name; });
                if (same != patterns.end())
                    *same = pattern;
                else
                    patterns.push_back(pattern);
            },
            [](const Settings& running, const Settings& fresh, const std::string&) {
                return differingNames(byName(running.buzzer.patterns), byName(fresh.buzzer.patterns),
                                      "buzzer.pattern.");
            },
            nullptr};
}

} // namespace AlertGate::KeySlots
