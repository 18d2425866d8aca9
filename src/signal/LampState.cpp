#include "signal/LampState.h"

#include <algorithm>
#include <limits>

namespace AlertGate {

LampState::LampState(const Settings::Lamp& lamp, const Settings::Heartbeat& heartbeat)
    : _sound(lamp.sound), _order(lamp.order), _groupBy(lamp.groupBy),
      _blindLamps(TowerState::parse(heartbeat.blindLamps)), _blindSound(heartbeat.blindSound),
      _showSuppressed(lamp.showSuppressed)
{
    for (const auto& [severity, spec] : lamp.severities)
        _lamps.emplace(severity, TowerState::parse(spec));
}

// Lower is higher; severities outside the order rank below all of it.
int LampState::rank(const std::string& severity) const
{
    auto found = std::find(_order.begin(), _order.end(), severity);
    return found == _order.end() ? std::numeric_limits<int>::max() : static_cast<int>(found - _order.begin());
}

// A strict total order on severities: by configured rank, then by name among the unranked.
bool LampState::outranks(const std::string& severity, const std::string& other) const
{
    int a = rank(severity);
    int b = rank(other);
    return a < b || (a == b && severity < other);
}

// The group_by label values, each length-prefixed so that no value can pose as a separator.
std::string LampState::groupOf(const SignalAlert& alert) const
{
    std::string key;
    for (const auto& name : _groupBy)
    {
        auto found = alert.labels.find(name);
        const std::string value = found == alert.labels.end() ? std::string() : found->second;
        key += std::to_string(value.size()) + ':' + value;
    }
    return key;
}

// The alerts allowed to light their lamps: in each group, those of the group's most severe severity
// among the severities that have lamps (an alert that lights nothing must not hide one that does). A
// suppressed alert that is not shown takes no part, so it hides nothing either.
std::vector<const SignalAlert*> LampState::lighting(const std::vector<SignalAlert>& active) const
{
    std::vector<const SignalAlert*> lit;
    for (const auto& alert : active)
        if (_lamps.count(alert.severity) > 0 && shown(alert))
            lit.push_back(&alert);
    if (_groupBy.empty())
        return lit;
    std::map<std::string, std::string> top; // group -> its most severe severity with lamps
    for (const SignalAlert* alert : lit)
    {
        auto [entry, inserted] = top.emplace(groupOf(*alert), alert->severity);
        if (!inserted && outranks(alert->severity, entry->second))
            entry->second = alert->severity;
    }
    std::vector<const SignalAlert*> kept;
    for (const SignalAlert* alert : lit)
        if (top.at(groupOf(*alert)) == alert->severity)
            kept.push_back(alert);
    return kept;
}

std::optional<std::string> LampState::soundOf(const std::vector<SignalAlert>& active,
                                              std::int64_t& newest) const
{
    const SignalAlert* loudest = nullptr;
    for (const auto& alert : active)
    {
        if (_sound.count(alert.severity) == 0 || !shown(alert))
            continue;
        newest = std::max(newest, alert.activeSinceMicros);
        if (!loudest || outranks(alert.severity, loudest->severity))
            loudest = &alert;
    }
    if (!loudest)
        return std::nullopt;
    return _sound.at(loudest->severity);
}

SignalState LampState::desired(const std::vector<SignalAlert>& active, bool blind,
                               const SilenceCheck& silenced) const
{
    SignalState state;
    std::int64_t newest = std::numeric_limits<std::int64_t>::min();
    for (const SignalAlert* alert : lighting(active))
    {
        const TowerState& lamps = _lamps.at(alert->severity);
        state.tower = state.tower.combined(lamps);
        if (lamps.digit(TowerState::Buzzer) != '0')
            newest = std::max(newest, alert->activeSinceMicros);
        if (lamps != TowerState())
            state.lighting.push_back(alert->fingerprint);
    }
    state.buzzerPattern = soundOf(active, newest);
    if (blind)
    {
        state.blind = true;
        state.tower = state.tower.combined(_blindLamps);
        if (!_blindSound.empty() && !state.buzzerPattern)
            state.buzzerPattern = _blindSound;
    }
    // Blindness has no activation of its own that a silence could predate, so a silence given while
    // blind covers it until a new alert fires, like any other sound.
    bool anySound = state.buzzerPattern || state.tower.digit(TowerState::Buzzer) != '0';
    if (anySound && silenced && silenced(newest))
    {
        state.silenced = true;
        state.buzzerPattern.reset();
        state.tower.set(TowerState::Buzzer, '0');
    }
    return state;
}

} // namespace AlertGate
