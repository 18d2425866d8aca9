#pragma once

#include "core/Error.h"

#include <stdexcept>
#include <string>

namespace AlertGate {

/// SQLite failed. transient() tells a full disk, a read-only file system or a busy lock (worth retrying,
/// answered 503) from a bug such as a constraint violation.
class StoreError : public Error
{
public:
    StoreError(const std::string& what, int sqliteCode) : Error(what), _code(sqliteCode) {}

    int sqliteCode() const { return _code; }

private:
    int _code;
};

} // namespace AlertGate
