#pragma once

#include "config/Settings.h"
#include "core/ValueError.h"

#include <functional>
#include <string>
#include <vector>

namespace AlertGate {

/// What a SIGHUP reload does with a key whose value changed.
enum class Reload
{
    Applies, /// Takes effect at once (a channel's keys: while the channel stays on; see ConfigKeys).
    Restart, /// Bound at start-up; the reload names it in a warning.
};

/// One configuration key, declared once, as nginx declares a directive in its ngx_command_t array:
/// its name, the slot that parses it into Settings, its default, what a reload does with it and its
/// documentation. The loader, check-config, the reload warning and the man page all read this.
struct ConfigKey
{
    using Apply = std::function<void(Settings&, const std::string& wildcard, const std::string& value,
                                     const std::string& directory)>;
    /// Parses value into its field; throws ValueError with the reason. wildcard is the
    /// part of the name a placeholder took; directory is the configuration file's, for files.
    using Changed = std::function<std::vector<std::string>(const Settings& running, const Settings& fresh,
                                                           const std::string& name)>;
    /// The concrete key names whose value differs between running and fresh.
    using Resolve = std::function<void(Settings&, const std::string& directory)>;
    /// Makes a relative path absolute against directory, whether the value came from the file or
    /// is the default.

    /// How the value is parsed and compared, and what it looks like in the documentation: the part of
    /// a key that nginx calls its "slot".
    struct Slot
    {
        std::string type; /// The value's form and range ("duration, 100ms to 5m").
        Apply apply;
        Changed changed;
        Resolve resolve; /// Empty for keys that are not paths.
    };

    std::string name; /// "section.key"; an upper-case last part ("lamp.SEVERITY") stands for any name.
    Slot slot;
    std::string defaultValue; /// As the INI file would spell it; empty: none (the feature is off).
    Reload reload;
    std::string help; /// One or two sentences for the man page.

    std::string section() const;
    /// "http" for "http.listen".
    std::string key() const;
    /// "listen" for "http.listen"; "pattern.NAME" for "buzzer.pattern.NAME".
    bool isWildcard() const;
    /// Whether the name's last part is a placeholder (upper case) for any name.
    bool matches(const std::string& fullName, std::string& wildcard) const;
    /// Whether fullName is this key or, for a wildcard, one of its names (the placeholder's part,
    /// which holds no dot, goes into wildcard).
};

} // namespace AlertGate
