#include "store/SilenceStore.h"

#include "core/Rfc3339.h"
#include "store/Database.h"
#include "store/Statement.h"
#include "store/StoreError.h"

#include <sqlite3.h>

namespace AlertGate {

SilenceStore::SilenceStore(Database& db) : _db(db) {}

SilenceRecord SilenceStore::record(std::int64_t atMicros, const std::string& by, const std::string& via,
                                   const std::string& comment)
{
    _db.prepare("INSERT INTO silences (at, by, via, comment) VALUES (?, ?, ?, ?)")
        .bind(1, Rfc3339::formatMicros(atMicros))
        .bind(2, by)
        .bind(3, via)
        .bind(4, comment)
        .run();
    return SilenceRecord{_db.lastInsertId(), atMicros, by, via, comment};
}

std::optional<SilenceRecord> SilenceStore::latest()
{
    Statement query =
        _db.prepare("SELECT id, at, by, via, comment FROM silences ORDER BY at DESC, id DESC LIMIT 1");
    if (!query.step())
        return std::nullopt;
    auto at = Rfc3339::parseMicros(query.text(1));
    if (!at)
        throw StoreError(_db.path() + ": silences row " + std::to_string(query.integer(0)) +
                             " has an unreadable time",
                         SQLITE_CORRUPT);
    return SilenceRecord{query.integer(0), *at, query.text(2), query.text(3), query.text(4)};
}

} // namespace AlertGate
