#pragma once

#include "store/HistoryQuery.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace AlertGate {

class Database;

/// What the signal side (tower, buzzer, heartbeat) needs to know, read in one short read transaction.
struct SignalSnapshot
{
    /// The newest sighting of the heartbeat alert.
    struct Sighting
    {
        std::string lastSeenAt; /// When alertgate last received it (UTC, RFC 3339).
        bool firing = false;    /// False: Alertmanager sent its resolution.
    };

    std::vector<ActiveAlert> active;        /// Every firing alert, the heartbeat and its notice included.
    std::optional<Sighting> heartbeat;      /// None: never seen.
    std::optional<std::string> noticeSince; /// startsAt of the firing "monitoring is blind" notice, if any.
};

/// The signal side's read-only window on the store: its own read-only connection, opened on first use
/// and again after a failure, so the reconciler never holds a connection that can write.
class SignalQuery
{
public:
    SignalQuery(std::string path, std::int64_t busyTimeoutMs);
    ~SignalQuery();

    SignalSnapshot read(const std::string& heartbeatAlertname, const std::string& noticeFingerprint);
    /// Throws StoreError (and reopens at the next call).

private:
    SignalSnapshot readFrom(Database& db, const std::string& heartbeatAlertname,
                            const std::string& noticeFingerprint);

    std::string _path;
    std::int64_t _busyTimeoutMs;
    std::unique_ptr<Database> _db;
};

} // namespace AlertGate
