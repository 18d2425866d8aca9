#pragma once

#include "store/Statement.h"

#include <cstdint>
#include <optional>
#include <string>

namespace AlertGate {

class Database;

/// The one way an alert is resolved by alertgate itself rather than by Alertmanager's "resolved": it
/// records the change in alert_events with its reason ("absent", "stale", later "reconciled" and
/// retention) and moves the alert to resolved, inside the caller's transaction. Every rule that ends an
/// alert calls it, so the history of such a change has one shape.
class AlertResolver
{
public:
    explicit AlertResolver(Database& db);

    bool resolve(const std::string& fingerprint, const std::string& reason, const std::string& at,
                 std::optional<std::int64_t> notificationId = std::nullopt);
    /// Resolves the alert if it is still firing; returns whether it was. at is when (RFC 3339, UTC),
    /// also its end; notificationId is the notification that proved it (none for a rule of time).

private:
    Database& _db;
    Statement _insertEvent;
    Statement _update;
};

} // namespace AlertGate
