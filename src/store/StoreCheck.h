#pragma once

#include <cstdint>

namespace AlertGate {

class Database;

/// Whether the store was stopped cleanly, and the whole-file check. Reading every page of a large store
/// takes seconds (far more on an SD card), so start-up runs it only when the last run did not stop
/// cleanly (SIGKILL, power cut, crash): a clean stop is recorded in the store itself (store_state).
class StoreCheck
{
public:
    static bool stoppedCleanly(Database& db);
    /// True when the last run marked its stop (a store of schema version 4 or later); false for a store
    /// still running, one stopped by a crash or power cut, or one made by an older alertgate.

    static double fullCheck(Database& db);
    /// PRAGMA quick_check over the whole file; returns its duration in seconds. Throws StoreError
    /// (SQLITE_CORRUPT) with SQLite's verdict and what to do.

    static void markRunning(Database& db, bool running, std::int64_t nowMicros);
    /// Records that a run started (true) or stopped cleanly (false), durably.
};

} // namespace AlertGate
