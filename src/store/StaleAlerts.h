#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace AlertGate {

class Database;

/// The staleness rule (DESIGN.md): an active alert that Alertmanager has not re-notified within
/// stale_after is treated as resolved, since one that lost its "resolved" notification (silenced,
/// send_resolved off, Alertmanager restarted) would otherwise stay active for ever. The change is
/// recorded through AlertResolver with the reason "stale" and no notification; a later notification of
/// the same episode makes it active again. The heartbeat alert has its own rule and is left alone.
class StaleAlerts
{
public:
    StaleAlerts(std::string path, std::int64_t busyTimeoutMs, std::int64_t staleAfterMicros,
                std::string heartbeatAlertname);
    /// The store connection is opened on first use, and again after a failure.
    ~StaleAlerts();

    int resolve(std::int64_t nowMicros);
    /// Resolves, in one transaction, every firing alert last seen before now - stale_after; returns how
    /// many. Throws StoreError.

    static int resolve(Database& db, std::int64_t nowMicros, std::int64_t staleAfterMicros,
                       const std::string& heartbeatAlertname);
    /// The same on a connection of the caller's.

private:
    std::string _path;
    std::int64_t _busyTimeoutMs;
    std::int64_t _staleAfterMicros;
    std::string _heartbeatAlertname;
    std::unique_ptr<Database> _db;
};

} // namespace AlertGate
