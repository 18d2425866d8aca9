#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

struct sqlite3_stmt;

namespace AlertGate {

class Database;

/// A prepared statement (RAII). Values are always bound, never spliced into SQL text.
class Statement
{
public:
    Statement(Database& db, const std::string& sql);
    ~Statement();
    Statement(Statement&&) noexcept;
    Statement& operator=(Statement&&) = delete;

    Statement& bind(int index, const std::string& value);
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, const std::optional<std::string>& value);
    /// Binds NULL for an empty optional.
    Statement& bindNull(int index);

    bool step();
    /// Advances to the next row: true while there is one. Throws StoreError on failure.
    void run();
    /// Steps a statement that returns no rows, then resets it for reuse.
    void reset();

    std::string text(int column) const;
    std::optional<std::string> optionalText(int column) const;
    std::int64_t integer(int column) const;
    bool isNull(int column) const;

private:
    struct Finalizer
    {
        void operator()(sqlite3_stmt* stmt) const;
    };

    Database* _db;
    std::unique_ptr<sqlite3_stmt, Finalizer> _stmt;
};

} // namespace AlertGate
