#pragma once

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <string>

namespace AlertGate::Test {

Poco::JSON::Object::Ptr parseObject(const std::string& json);
/// json parsed as an object; throws (Poco::Exception) when it is not valid JSON or not an object.

Poco::JSON::Array::Ptr parseArray(const std::string& json);
/// json parsed as an array; throws when it is not valid JSON or not an array.

} // namespace AlertGate::Test
