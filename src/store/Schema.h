#pragma once

namespace AlertGate {

class Database;

/// The store's tables, indexes and views, versioned with PRAGMA user_version.
/// README.md ("The history database") documents them for people who query with sqlite3.
class Schema
{
public:
    static int currentVersion();

    static void migrate(Database& db);
    /// Brings db up to currentVersion() in one transaction. Throws StoreError, including for a
    /// database written by a newer alertgate (it would not understand the data). Then refreshes the
    /// planner's statistics (bounded ANALYZE). The file's layout (page size, auto_vacuum) is not the
    /// schema's: Database sets it for a new file, StoreRewrite brings an older one to it.

private:
    static void migrateSteps(Database& db);
    static void analyze(Database& db);
};

} // namespace AlertGate
