#include "store/StoreCheck.h"

#include "core/Rfc3339.h"
#include "store/Database.h"
#include "store/Statement.h"
#include "store/StoreError.h"

#include <sqlite3.h>

#include <chrono>
#include <string>

namespace AlertGate {

bool StoreCheck::stoppedCleanly(Database& db)
{
    Statement table = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'store_state'");
    if (!table.step())
        return false;
    Statement state = db.prepare("SELECT running FROM store_state WHERE id = 1");
    return state.step() && state.integer(0) == 0;
}

double StoreCheck::fullCheck(Database& db)
{
    auto started = std::chrono::steady_clock::now();
    Statement check = db.prepare("PRAGMA quick_check");
    std::string verdict = check.step() ? check.text(0) : "no answer";
    if (verdict != "ok")
        throw StoreError(db.path() + ": PRAGMA quick_check failed: " + verdict +
                             " (move the file aside to start a new history; keep it for recovery)",
                         SQLITE_CORRUPT);
    std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
    return took.count();
}

void StoreCheck::markRunning(Database& db, bool running, std::int64_t nowMicros)
{
    Transaction transaction(db);
    Statement mark =
        db.prepare("INSERT OR REPLACE INTO store_state (id, running, changed_at) VALUES (1, ?1, ?2)");
    mark.bind(1, std::int64_t(running ? 1 : 0)).bind(2, Rfc3339::formatMicros(nowMicros));
    mark.run();
    transaction.commit();
}

} // namespace AlertGate
