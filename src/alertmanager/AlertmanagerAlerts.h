#pragma once

#include <map>
#include <string>

namespace AlertGate {

/// Why Alertmanager holds an alert back from its receivers, as its API says it.
enum class Suppression
{
    None,      /// Active (or not yet processed): notified, and it lights the tower.
    Silenced,  /// A silence matches it (status.silencedBy), whether or not it is also inhibited.
    Inhibited, /// An inhibit rule's source alert fires (status.inhibitedBy).
};

std::string suppressionName(Suppression suppression);
/// "", "silenced" or "inhibited": the words the store and the history use.

/// What Alertmanager holds as firing now, by fingerprint: the answer of `GET /api/v2/alerts`
/// (Alertmanager leaves out resolved alerts). Only what reconciliation needs is kept.
class AlertmanagerAlerts
{
public:
    static AlertmanagerAlerts parse(const std::string& json);
    /// Throws AlertmanagerError when the body is not the API's array of alerts (each with a string
    /// fingerprint and a status object).

    bool holds(const std::string& fingerprint) const { return _byFingerprint.count(fingerprint) != 0; }
    Suppression suppression(const std::string& fingerprint) const;
    /// Suppression::None for an alert Alertmanager does not hold.

    std::size_t size() const { return _byFingerprint.size(); }

private:
    std::map<std::string, Suppression> _byFingerprint;
};

} // namespace AlertGate
