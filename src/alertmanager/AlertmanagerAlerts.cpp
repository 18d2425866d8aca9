#include "alertmanager/AlertmanagerAlerts.h"

#include "alertmanager/AlertmanagerError.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

namespace AlertGate {

namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

bool nonEmptyArray(const Object& object, const std::string& name)
{
    auto array = object.getArray(name);
    return array && array->size() > 0;
}

Suppression suppressionOf(const Object& alert, std::size_t index)
{
    auto status = alert.getObject("status");
    if (!status)
        throw AlertmanagerError("alert " + std::to_string(index) + " has no status object");
    if (nonEmptyArray(*status, "silencedBy"))
        return Suppression::Silenced;
    if (nonEmptyArray(*status, "inhibitedBy"))
        return Suppression::Inhibited;
    return Suppression::None;
}

Array::Ptr alertArray(const std::string& json)
{
    try
    {
        Poco::JSON::Parser parser;
        auto root = parser.parse(json);
        if (root.type() != typeid(Array::Ptr))
            throw AlertmanagerError("the answer is not a JSON array of alerts");
        return root.extract<Array::Ptr>();
    }
    catch (const Poco::Exception& e)
    {
        throw AlertmanagerError("the answer is not JSON: " + e.message());
    }
}

} // namespace

std::string suppressionName(Suppression suppression)
{
    switch (suppression)
    {
    case Suppression::Silenced: return "silenced";
    case Suppression::Inhibited: return "inhibited";
    case Suppression::None: break;
    }
    return "";
}

AlertmanagerAlerts AlertmanagerAlerts::parse(const std::string& json)
{
    AlertmanagerAlerts alerts;
    auto array = alertArray(json);
    for (std::size_t i = 0; i < array->size(); ++i)
    {
        auto alert = array->getObject(static_cast<unsigned>(i));
        if (!alert || !alert->has("fingerprint") || !alert->get("fingerprint").isString())
            throw AlertmanagerError("alert " + std::to_string(i) + " has no string fingerprint");
        alerts._byFingerprint[alert->getValue<std::string>("fingerprint")] = suppressionOf(*alert, i);
    }
    return alerts;
}

Suppression AlertmanagerAlerts::suppression(const std::string& fingerprint) const
{
    auto found = _byFingerprint.find(fingerprint);
    return found == _byFingerprint.end() ? Suppression::None : found->second;
}

} // namespace AlertGate
