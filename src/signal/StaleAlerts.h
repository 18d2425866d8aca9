#pragma once

#include <cstdint>
#include <string>

namespace AlertGate {

class Database;

/// The staleness rule (DESIGN.md): an active alert that Alertmanager has not re-notified within
/// stale_after is treated as resolved, since one that lost its "resolved" notification (silenced,
/// send_resolved off, Alertmanager restarted) would otherwise stay active for ever. The change is
/// recorded like any other, with the reason "stale" and no notification; a later notification of the
/// same episode makes it active again. The heartbeat alert has its own rule and is left alone.
class StaleAlerts
{
public:
    static int resolve(Database& db, std::int64_t nowMicros, std::int64_t staleAfterMicros,
                       const std::string& heartbeatAlertname);
    /// Resolves, in one transaction, every firing alert last seen before now - staleAfter; returns how many.
};

} // namespace AlertGate
