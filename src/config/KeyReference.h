#pragma once

#include <string>

namespace AlertGate {

/// The documentation of the key table, as the man page shows it (debian/alertgate.8 holds a copy
/// that tests/unit/KeyReferenceTest keeps equal to it).
class KeyReference
{
public:
    static const char* const beginMarker; /// The troff comment line before the generated part.
    static const char* const endMarker;   /// The one after it.

    static std::string manPage();
    /// One .SS per section, one .TP per key: its name, form and range, default, what a reload does,
    /// and its help text.
};

} // namespace AlertGate
