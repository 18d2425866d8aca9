#pragma once

#include <map>
#include <string>

namespace AlertGate {

using LabelSet = std::map<std::string, std::string>;

/// One alert of an Alertmanager notification, every field kept as sent.
struct Alert
{
    std::string status; /// "firing" or "resolved": this alert's own status, not the group's.
    LabelSet labels;
    LabelSet annotations;
    std::string startsAt; /// RFC 3339 exactly as sent.
    std::string endsAt;   /// RFC 3339 as sent; empty when Alertmanager sent its zero time.
    std::string generatorURL;
    std::string fingerprint; /// Alertmanager's hash of the label set: the alert's identity.

    std::string label(const std::string& name) const;
    /// The label's value, or an empty string when the alert has no such label.

    bool firing() const { return status == "firing"; }
};

} // namespace AlertGate
