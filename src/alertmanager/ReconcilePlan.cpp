#include "alertmanager/ReconcilePlan.h"

namespace AlertGate {

ReconcilePlan ReconcilePlan::make(const std::vector<HeldAlert>& held, const AlertmanagerAlerts& alertmanager,
                                  std::int64_t askedAtMicros)
{
    ReconcilePlan plan;
    for (const auto& alert : held)
    {
        if (alert.lastSeenMicros >= askedAtMicros)
            continue;
        if (!alertmanager.holds(alert.fingerprint))
        {
            plan.resolve.push_back(alert.fingerprint);
            continue;
        }
        Suppression now = alertmanager.suppression(alert.fingerprint);
        if (now != alert.suppression)
            plan.suppress.push_back({alert.fingerprint, now});
    }
    return plan;
}

} // namespace AlertGate
