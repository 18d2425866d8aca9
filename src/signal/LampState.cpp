#include "signal/LampState.h"

#include <algorithm>
#include <limits>

namespace AlertGate {

LampState::LampState(const Settings::Lamp& lamp, const Settings::Heartbeat& heartbeat)
    : _sound(lamp.sound), _order(lamp.order), _blindLamps(TowerState::parse(heartbeat.blindLamps)),
      _blindSound(heartbeat.blindSound), _showSuppressed(lamp.showSuppressed)
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

std::optional<std::string> LampState::soundOf(const std::vector<SignalAlert>& active,
                                              std::int64_t& newest) const
{
    const SignalAlert* loudest = nullptr;
    for (const auto& alert : active)
    {
        if (_sound.count(alert.severity) == 0 || !shown(alert))
            continue;
        newest = std::max(newest, alert.activeSinceMicros);
        if (!loudest || rank(alert.severity) < rank(loudest->severity) ||
            (rank(alert.severity) == rank(loudest->severity) && alert.severity < loudest->severity))
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
    for (const auto& alert : active)
    {
        auto lamps = _lamps.find(alert.severity);
        if (lamps == _lamps.end() || !shown(alert))
            continue;
        state.tower = state.tower.combined(lamps->second);
        if (lamps->second.digit(TowerState::Buzzer) != '0')
            newest = std::max(newest, alert.activeSinceMicros);
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
