#pragma once

#include "core/Alert.h"

#include <string>

namespace AlertGate {

std::string toJson(const LabelSet& labels);
/// A JSON object with the keys sorted and UTF-8 kept as is (readable in sqlite3).

LabelSet labelSetFromJson(const std::string& json);
/// The inverse of toJson. Throws Poco::Exception on text that is not an object of strings.

} // namespace AlertGate
