#include "core/LabelSetJson.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <sstream>

namespace AlertGate {

std::string toJson(const LabelSet& labels)
{
    Poco::JSON::Object object;
    for (const auto& [name, value] : labels)
        object.set(name, value);
    std::ostringstream out;
    object.stringify(out);
    return out.str();
}

LabelSet labelSetFromJson(const std::string& json)
{
    Poco::JSON::Parser parser;
    auto object = parser.parse(json).extract<Poco::JSON::Object::Ptr>();
    LabelSet labels;
    for (const auto& [name, value] : *object)
        labels.emplace(name, value.extract<std::string>());
    return labels;
}

} // namespace AlertGate
