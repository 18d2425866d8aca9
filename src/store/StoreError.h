#pragma once

#include <stdexcept>
#include <string>

namespace AlertGate {

/// SQLite failed. transient() tells a full disk, a read-only file system or a busy lock (worth retrying,
/// answered 503) from a bug such as a constraint violation.
class StoreError : public std::runtime_error
{
public:
    StoreError(const std::string& what, int sqliteCode) : std::runtime_error(what), _code(sqliteCode) {}

    int sqliteCode() const { return _code; }

private:
    int _code;
};

} // namespace AlertGate
