#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace AlertGate {

class Database;

/// One silence as the `silences` table keeps it.
struct SilenceRecord
{
    std::int64_t id = 0;
    std::int64_t atMicros = 0; ///< When it was given, microseconds since the epoch (UTC).
    std::string by;            ///< Who gave it, as they said (hostile text: printable() before showing it).
    std::string via;           ///< api | cli | button
    std::string comment;
};

/// The `silences` table. The in-memory Silence is what the buzzer obeys; this is its history and
/// what restores it after a restart.
class SilenceStore
{
public:
    explicit SilenceStore(Database& db);

    SilenceRecord record(std::int64_t atMicros, const std::string& by, const std::string& via,
                         const std::string& comment);
    /// Inserts and commits; returns the row with its id. Throws StoreError.

    std::optional<SilenceRecord> latest();

private:
    Database& _db;
};

} // namespace AlertGate
