#pragma once

#include <cstdint>
#include <memory>

namespace AlertGate {

class Database;

/// Brings an older store to the current file layout: Database::kPageSize and auto_vacuum=INCREMENTAL
/// (so that retention can shrink it). Both can change only by writing the whole file again: VACUUM INTO
/// a copy beside the store, which then replaces it. Run once, by the writer at start-up, before any other
/// connection of the daemon opens the store.
class StoreRewrite
{
public:
    static std::unique_ptr<Database> apply(std::unique_ptr<Database> db, std::int64_t busyTimeoutMs);
    /// Returns a connection to the store, rewritten if its layout was not the current one. A store that
    /// cannot be rewritten now (no room for the copy, another program has it open) keeps working in its
    /// old layout, with a warning, and is tried again at the next start. Throws StoreError only when the
    /// rename fails.

    static bool needed(Database& db);
};

} // namespace AlertGate
