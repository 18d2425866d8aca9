#pragma once

#include "config/ConfigKey.h"
#include "config/SecretFile.h"
#include "config/ValueParsers.h"

#include <type_traits>

namespace AlertGate::KeySlots {

/// The slots of the key table: each parses one form of value into a field of Settings, compares it
/// across a reload and names its form for the documentation. A field is a callable returning a
/// reference to it (ConfigKeys.cpp's FIELD), so one slot serves every field of its type.

/// A text check: what the documentation calls the form, and the parser that refuses a bad value.
struct TextCheck
{
    const char* type;
    std::string (*parse)(const std::string& value);
};

std::string sizeText(std::uint64_t bytes);
/// "64MiB", "1KiB" or a plain number of bytes.

extern const TextCheck anyText;
extern const TextCheck nonEmpty;
extern const TextCheck hostName; ///< Not empty, no control characters: it goes into protocol headers.
extern const TextCheck lampSpec;
extern const TextCheck matchers;
extern const TextCheck httpsUrl;
extern const TextCheck httpsBaseUrl;

template <typename Field> ConfigKey::Changed changedWhenDifferent(Field field)
{
    return [field](const Settings& running, const Settings& fresh, const std::string& name) {
        return field(running) == field(fresh) ? std::vector<std::string>{} : std::vector<std::string>{name};
    };
}

template <typename Field, typename Parse> ConfigKey::Slot slot(std::string type, Field field, Parse parse)
{
    return {std::move(type),
            [field, parse](Settings& s, const std::string&, const std::string& value, const std::string&) {
                field(s) = parse(value);
            },
            changedWhenDifferent(field), nullptr};
}

template <typename Field> ConfigKey::Slot duration(Field field, std::int64_t min, std::int64_t max)
{
    return slot("duration, " + ValueParsers::durationText(min) + " to " + ValueParsers::durationText(max),
                field, [min, max](const std::string& v) {
                    return ValueParsers::duration(v, {min, max});
                });
}

template <typename Field> ConfigKey::Slot integer(Field field, std::int64_t min, std::int64_t max)
{
    using Type = std::remove_reference_t<decltype(field(std::declval<Settings&>()))>;
    return slot("integer, " + std::to_string(min) + " to " + std::to_string(max), field,
                [min, max](const std::string& v) {
                    return static_cast<Type>(ValueParsers::integer(v, {min, max}));
                });
}

template <typename Field> ConfigKey::Slot bytes(Field field, std::int64_t min, std::int64_t max)
{
    return slot("size, " + sizeText(min) + " to " + sizeText(max), field, [min, max](const std::string& v) {
        return ValueParsers::bytes(v, {min, max});
    });
}

template <typename Field> ConfigKey::Slot boolean(Field field)
{
    return slot("true or false", field, ValueParsers::boolean);
}

template <typename Field> ConfigKey::Slot text(Field field, const TextCheck& check)
{
    return slot(check.type, field, check.parse);
}

template <typename Field> ConfigKey::Slot words(Field field, std::vector<std::string> choices)
{
    std::string type = "one of";
    for (const auto& choice : choices)
        type += (type == "one of" ? " " : ", ") + choice;
    return slot(type, field, [choices](const std::string& v) { return ValueParsers::oneOf(v, choices); });
}

template <typename Field> ConfigKey::Slot mailbox(Field field)
{
    return slot("e-mail address", field, ValueParsers::mailbox);
}

template <typename Field> ConfigKey::Slot mailboxes(Field field)
{
    return slot("e-mail addresses, separated by commas", field, ValueParsers::mailboxes);
}

template <typename Field> ConfigKey::Slot severityPatterns(Field field)
{
    return slot("SEVERITY:PATTERN pairs", field, ValueParsers::severityPatterns);
}

template <typename Field> ConfigKey::Slot labelNames(Field field)
{
    return slot("label names, separated by commas (may be empty)", field, ValueParsers::labelNames);
}

template <typename Field> ConfigKey::Slot httpUrls(Field field)
{
    return slot("http or https URLs, separated by commas", field, ValueParsers::httpUrls);
}

/// A file name, taken relative to the configuration file's directory (also when it is the default).
template <typename Field> ConfigKey::Slot path(Field field)
{
    auto slot =
        KeySlots::slot("file path", field, [](const std::string& v) { return ValueParsers::nonEmpty(v); });
    slot.resolve = [field](Settings& s, const std::string& directory) {
        if (!field(s).empty())
            field(s) = ValueParsers::pathIn(directory, field(s));
    };
    return slot;
}

ConfigKey::Slot secretFile(const ConfigKey::Slot& inlineSlot);
/// A NAME_file key: the secret read from the file goes where the key NAME (inlineSlot) would put it;
/// a change is reported under NAME, whose field it fills.
ConfigKey::Slot listen();
/// http.listen: http.host and http.port.
ConfigKey::Slot lampSeverity();
/// lamp.SEVERITY: the lamps that severity lights.
ConfigKey::Slot buzzerPattern();
/// buzzer.pattern.NAME: a named cadence.

} // namespace AlertGate::KeySlots
