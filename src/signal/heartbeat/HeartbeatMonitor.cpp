#include "signal/heartbeat/HeartbeatMonitor.h"

#include "core/Rfc3339.h"
#include "signal/heartbeat/HeartbeatNotice.h"

namespace AlertGate {

HeartbeatMonitor::HeartbeatMonitor(const Settings::Heartbeat& heartbeat) : _heartbeat(heartbeat) {}

HeartbeatMonitor::Verdict HeartbeatMonitor::evaluate(const std::optional<Sighting>& newest,
                                                     std::int64_t nowMicros)
{
    if (!_startedMicros)
        _startedMicros = nowMicros;
    Verdict verdict;
    if (_heartbeat.timeoutMs <= 0)
        return verdict;
    if (newest && !newest->firing)
    {
        verdict.blind = true;
        verdict.resolved = true;
        verdict.sinceMicros = newest->atMicros;
        return verdict;
    }
    if (!newest && !_heartbeat.requireAtStart)
        return verdict;
    const std::int64_t since = newest ? newest->atMicros : *_startedMicros;
    const std::int64_t deadline = since + _heartbeat.timeoutMs * 1000;
    if (nowMicros >= deadline)
    {
        verdict.blind = true;
        verdict.sinceMicros = deadline;
    }
    else
        verdict.change = deadline;
    return verdict;
}

std::optional<Notification> HeartbeatMonitor::announcement(const Verdict& verdict,
                                                           const std::optional<std::string>& announcedSince,
                                                           std::int64_t nowMicros) const
{
    if (verdict.blind == announcedSince.has_value())
        return std::nullopt;
    if (verdict.blind)
        return HeartbeatNotice::blind(_heartbeat, Rfc3339::formatMicros(verdict.sinceMicros));
    return HeartbeatNotice::recovered(_heartbeat, *announcedSince, Rfc3339::formatMicros(nowMicros));
}

} // namespace AlertGate
