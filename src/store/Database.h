#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

struct sqlite3;

namespace AlertGate {

class Statement;

/// One SQLite connection (RAII). Every connection gets a busy timeout and foreign keys; the writer's
/// also gets WAL with synchronous=FULL, so a commit survives a power cut once it returns.
class Database
{
public:
    enum class Mode
    {
        ReadWrite, /// Creates the file if needed.
        ReadOnly
    };

    /// A new store's page size. Each B-tree a commit touches costs a page in the WAL and again at the
    /// checkpoint: a new alert touches a dozen, each by a row of tens of bytes, so 1 KiB pages write a
    /// quarter of what SQLite's default 4 KiB do. A notification's payload (a few KiB) goes to overflow
    /// pages that it fills, where at 4 KiB a row just over half a page left the rest of it empty.
    static constexpr int kPageSize = 1024;
    /// What PRAGMA auto_vacuum answers for INCREMENTAL: freed pages can be given back to the file system.
    static constexpr std::int64_t kAutoVacuumIncremental = 2;

    Database(const std::string& path, Mode mode, std::int64_t busyTimeoutMs);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    void execute(const std::string& sql);
    /// Runs one or more statements without results. Throws StoreError.

    Statement prepare(const std::string& sql);

    std::int64_t pragma(const std::string& name);
    /// The number a PRAGMA without argument answers (page_size, user_version, freelist_count, ...).

    std::int64_t lastInsertId() const;
    int changes() const;
    const std::string& path() const { return _path; }
    sqlite3* handle() const { return _db.get(); }

    [[noreturn]] void fail(const std::string& context, int code) const;
    /// Throws StoreError with SQLite's own message for this connection.

private:
    struct Closer
    {
        void operator()(sqlite3* db) const;
    };

    static int onBusy(void* self, int attempts);

    std::string _path;
    std::chrono::milliseconds _busyTimeout;
    std::chrono::steady_clock::time_point _busySince;
    std::unique_ptr<sqlite3, Closer> _db;
};

/// BEGIN IMMEDIATE ... COMMIT, rolled back by the destructor unless commit() was called.
class Transaction
{
public:
    explicit Transaction(Database& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    void commit();

private:
    Database& _db;
    bool _open = true;
};

} // namespace AlertGate
