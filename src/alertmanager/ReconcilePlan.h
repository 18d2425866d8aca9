#pragma once

#include "alertmanager/AlertmanagerAlerts.h"

#include <cstdint>
#include <string>
#include <vector>

namespace AlertGate {

/// One alert alertgate holds as firing, as reconciliation needs it.
struct HeldAlert
{
    std::string fingerprint;
    std::int64_t lastSeenMicros = 0; /// When a notification last listed it.
    Suppression suppression = Suppression::None;
};

/// What one answer of Alertmanager changes in alertgate's view of the firing alerts.
struct ReconcilePlan
{
    struct SuppressionChange
    {
        std::string fingerprint;
        Suppression suppression;
    };

    std::vector<std::string> resolve;        /// Firing here, gone from Alertmanager: resolved, "reconciled".
    std::vector<SuppressionChange> suppress; /// Silenced, inhibited, or active again.

    bool empty() const { return resolve.empty() && suppress.empty(); }

    static ReconcilePlan make(const std::vector<HeldAlert>& held, const AlertmanagerAlerts& alertmanager,
                              std::int64_t askedAtMicros);
    /// An alert that a notification listed after Alertmanager was asked may be newer than the answer
    /// (Alertmanager took it in meanwhile), so it is left alone until the next round.
};

} // namespace AlertGate
