#pragma once

#include "config/Settings.h"
#include "core/Alert.h"
#include "core/TowerState.h"
#include "core/ValueError.h"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace AlertGate {

/// One active alert as the signal side sees it.
struct SignalAlert
{
    std::string severity;
    std::int64_t activeSinceMicros = 0; /// When alertgate first saw it firing (its activation).
    std::string fingerprint;
    LabelSet labels;         /// For [lamp] group_by.
    bool suppressed = false; /// Alertmanager reports it silenced or inhibited.
};

/// What the tower and the buzzer should show.
struct SignalState
{
    TowerState tower;
    std::optional<std::string> buzzerPattern; /// A pattern name; nothing: quiet.
    bool blind = false;
    bool silenced = false;
    std::vector<std::string> lighting; /// Fingerprints of the alerts whose lamps are lit, in input order.

    bool operator==(const SignalState& other) const
    {
        return tower == other.tower && buzzerPattern == other.buzzerPattern && blind == other.blind &&
               silenced == other.silenced;
    }
};

/// The rule from the active alerts to the signals, as a pure function: within each group of alerts with
/// the same [lamp] group_by label values, only the most severe alerts (those whose severity has lamps)
/// light their lamps ([lamp] <severity>), as the original setup kept one level per alertname+instance;
/// an empty group_by lets every active alert light its lamps. The groups' lamps are combined so that no
/// group hides another; the buzzer sounds the pattern of
/// the highest active severity configured to sound ([lamp] sound); a blind heartbeat adds its lamps and
/// sound. A silence (asked with the newest activation among the sounding alerts) quiets the buzzer and
/// the tower's own buzzer digit, never the lamps. An alert Alertmanager holds back (silenced, inhibited)
/// lights and sounds nothing unless [lamp] show_suppressed says so.
class LampState
{
public:
    using SilenceCheck = std::function<bool(std::int64_t newestActivationMicros)>;

    LampState(const Settings::Lamp& lamp, const Settings::Heartbeat& heartbeat);
    /// Throws ValueError for a lamp spec that SettingsLoader would have refused.

    SignalState desired(const std::vector<SignalAlert>& active, bool blind,
                        const SilenceCheck& silenced) const;

private:
    int rank(const std::string& severity) const;
    bool outranks(const std::string& severity, const std::string& other) const;
    std::string groupOf(const SignalAlert& alert) const;
    std::vector<const SignalAlert*> lighting(const std::vector<SignalAlert>& active) const;
    bool shown(const SignalAlert& alert) const { return _showSuppressed || !alert.suppressed; }
    std::optional<std::string> soundOf(const std::vector<SignalAlert>& active, std::int64_t& newest) const;

    std::map<std::string, TowerState> _lamps;
    std::map<std::string, std::string> _sound;
    std::vector<std::string> _order;
    std::vector<std::string> _groupBy;
    TowerState _blindLamps;
    std::string _blindSound;
    bool _showSuppressed;
};

} // namespace AlertGate
