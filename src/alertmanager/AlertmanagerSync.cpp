#include "alertmanager/AlertmanagerSync.h"

#include "alertmanager/AlertmanagerError.h"

#include <Poco/Logger.h>

namespace AlertGate {

AlertmanagerSync::AlertmanagerSync(Parts parts, std::int64_t intervalMicros)
    : _parts(std::move(parts)), _intervalMicros(intervalMicros)
{
}

std::int64_t AlertmanagerSync::step(std::int64_t nowMicros)
{
    if (nowMicros >= _dueMicros)
    {
        round(nowMicros);
        _dueMicros = nowMicros + _intervalMicros;
    }
    return _dueMicros;
}

// The held alerts are read after Alertmanager answered, and the plan leaves out any alert notified
// after the question was asked: such an alert may be newer than the answer.
void AlertmanagerSync::round(std::int64_t nowMicros)
{
    auto& log = Poco::Logger::get("alertmanager");
    try
    {
        AlertmanagerAlerts alertmanager = _parts.ask();
        ReconcilePlan plan = ReconcilePlan::make(_parts.held(), alertmanager, nowMicros);
        if (!plan.empty())
            _parts.apply(plan);
        if (!_lastError.empty())
            log.information("Alertmanager answers again");
        _lastError.clear();
        if (!plan.resolve.empty())
            log.notice("Resolved %z alert(s) that Alertmanager no longer holds (reason: reconciled)",
                       plan.resolve.size());
        _parts.observe(true, plan.resolve.size());
    }
    catch (const std::exception& e)
    {
        if (_lastError != e.what())
            log.warning("Reconciliation with Alertmanager skipped, nothing changed: %s",
                        std::string(e.what()));
        _lastError = e.what();
        _parts.observe(false, 0);
    }
}

} // namespace AlertGate
