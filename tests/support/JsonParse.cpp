#include "JsonParse.h"

#include <Poco/JSON/Parser.h>

namespace AlertGate::Test {

Poco::JSON::Object::Ptr parseObject(const std::string& json)
{
    return Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
}

Poco::JSON::Array::Ptr parseArray(const std::string& json)
{
    return Poco::JSON::Parser().parse(json).extract<Poco::JSON::Array::Ptr>();
}

} // namespace AlertGate::Test
