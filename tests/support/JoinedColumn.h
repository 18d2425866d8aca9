#pragma once

#include <string>

namespace AlertGate {
class Database;
}

namespace AlertGate::Test {

std::string joinedColumn(Database& db, const std::string& sql);
/// The first column of every row sql selects, joined with commas: a store's state in one comparable line.

} // namespace AlertGate::Test
