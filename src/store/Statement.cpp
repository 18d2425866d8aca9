#include "store/Statement.h"

#include "store/Database.h"
#include "store/StoreError.h"

#include <sqlite3.h>

namespace AlertGate {

void Statement::Finalizer::operator()(sqlite3_stmt* stmt) const
{
    sqlite3_finalize(stmt);
}

Statement::Statement(Database& db, const std::string& sql) : _db(&db)
{
    sqlite3_stmt* raw = nullptr;
    int rc = sqlite3_prepare_v2(db.handle(), sql.c_str(), static_cast<int>(sql.size()), &raw, nullptr);
    _stmt.reset(raw);
    if (rc != SQLITE_OK)
        db.fail("prepare", rc);
}

Statement::~Statement() = default;
Statement::Statement(Statement&&) noexcept = default;

Statement& Statement::bind(int index, const std::string& value)
{
    int rc =
        sqlite3_bind_text(_stmt.get(), index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
    if (rc != SQLITE_OK)
        _db->fail("bind", rc);
    return *this;
}

Statement& Statement::bind(int index, std::int64_t value)
{
    int rc = sqlite3_bind_int64(_stmt.get(), index, value);
    if (rc != SQLITE_OK)
        _db->fail("bind", rc);
    return *this;
}

Statement& Statement::bind(int index, const std::optional<std::string>& value)
{
    return value ? bind(index, *value) : bindNull(index);
}

Statement& Statement::bindNull(int index)
{
    int rc = sqlite3_bind_null(_stmt.get(), index);
    if (rc != SQLITE_OK)
        _db->fail("bind", rc);
    return *this;
}

bool Statement::step()
{
    int rc = sqlite3_step(_stmt.get());
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    // Reset before throwing so the statement can be reused; the message is taken first, as reset
    // may replace it.
    StoreError error(_db->path() + ": " + sqlite3_errmsg(_db->handle()), rc);
    reset();
    throw error;
}

void Statement::run()
{
    step();
    reset();
}

void Statement::reset()
{
    sqlite3_reset(_stmt.get());
    sqlite3_clear_bindings(_stmt.get());
}

std::string Statement::text(int column) const
{
    auto data = reinterpret_cast<const char*>(sqlite3_column_text(_stmt.get(), column));
    return data ? std::string(data, static_cast<std::size_t>(sqlite3_column_bytes(_stmt.get(), column)))
                : std::string();
}

std::optional<std::string> Statement::optionalText(int column) const
{
    if (isNull(column))
        return std::nullopt;
    return text(column);
}

std::int64_t Statement::integer(int column) const
{
    return sqlite3_column_int64(_stmt.get(), column);
}

bool Statement::isNull(int column) const
{
    return sqlite3_column_type(_stmt.get(), column) == SQLITE_NULL;
}

} // namespace AlertGate
