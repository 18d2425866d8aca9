#include "store/Database.h"

#include "store/Statement.h"
#include "store/StoreError.h"

#include <sqlite3.h>

#include <string>
#include <thread>

namespace AlertGate {

namespace {

constexpr auto kBusyPoll = std::chrono::milliseconds(1);

} // namespace

void Database::Closer::operator()(sqlite3* db) const
{
    sqlite3_close_v2(db);
}

Database::Database(const std::string& path, Mode mode, std::int64_t busyTimeoutMs)
    : _path(path), _busyTimeout(busyTimeoutMs)
{
    int flags = mode == Mode::ReadOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    sqlite3* raw = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    _db.reset(raw);
    if (rc != SQLITE_OK)
        throw StoreError("cannot open " + path + ": " + (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)), rc);
    sqlite3_extended_result_codes(raw, 1);
    sqlite3_busy_handler(raw, &Database::onBusy, this);
    execute("PRAGMA foreign_keys=ON");
    // page_size and auto_vacuum apply only to a new file, before WAL mode writes its first page
    // (StoreRewrite changes an older one).
    // cache_size: the writer's working set (the right-hand edges of the history indexes, the alerts,
    // the outbox) stays in memory instead of being read again from the WAL at every commit: 8 MiB,
    // allocated only as pages are used. journal_size_limit: a WAL that grew under a burst is cut back
    // when it restarts, so it does not keep the space.
    if (mode == Mode::ReadWrite)
        execute("PRAGMA page_size=" + std::to_string(kPageSize) +
                "; PRAGMA auto_vacuum=INCREMENTAL; PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
                "PRAGMA cache_size=-8192; PRAGMA journal_size_limit=4194304; PRAGMA temp_store=MEMORY");
}

Database::~Database() = default;

// SQLite's own busy timeout sleeps ever longer between tries (up to 100 ms), so a connection waiting for
// the write lock almost never finds the gap between two commits of a busy writer: the outbox and
// retention starved for as long as webhooks kept coming. Trying every millisecond finds the gap the
// writer leaves (NotificationWriter yields after committing without pause for a while).
int Database::onBusy(void* self, int attempts)
{
    auto* db = static_cast<Database*>(self);
    auto now = std::chrono::steady_clock::now();
    if (attempts == 0)
        db->_busySince = now;
    if (now - db->_busySince >= db->_busyTimeout)
        return 0;
    std::this_thread::sleep_for(kBusyPoll);
    return 1;
}

void Database::execute(const std::string& sql)
{
    char* message = nullptr;
    int rc = sqlite3_exec(_db.get(), sql.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK)
    {
        std::string text = message ? message : sqlite3_errstr(rc);
        sqlite3_free(message);
        throw StoreError(_path + ": " + text, rc);
    }
}

Statement Database::prepare(const std::string& sql)
{
    return Statement(*this, sql);
}

std::int64_t Database::pragma(const std::string& name)
{
    Statement query = prepare("PRAGMA " + name);
    return query.step() ? query.integer(0) : 0;
}

std::int64_t Database::lastInsertId() const
{
    return sqlite3_last_insert_rowid(_db.get());
}

int Database::changes() const
{
    return sqlite3_changes(_db.get());
}

void Database::fail(const std::string& context, int code) const
{
    throw StoreError(_path + ": " + context + ": " + sqlite3_errmsg(_db.get()), code);
}

Transaction::Transaction(Database& db) : _db(db)
{
    _db.execute("BEGIN IMMEDIATE");
}

Transaction::~Transaction()
{
    if (!_open)
        return;
    // A failed COMMIT may already have rolled back; ROLLBACK then fails harmlessly.
    sqlite3_exec(_db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit()
{
    _db.execute("COMMIT");
    _open = false;
}

} // namespace AlertGate
