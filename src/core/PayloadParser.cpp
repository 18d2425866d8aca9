#include "core/PayloadParser.h"

#include "core/JsonNames.h"
#include "core/PayloadError.h"
#include "core/Printable.h"
#include "core/Rfc3339.h"
#include "core/Utf8.h"

#include <Poco/JSON/JSONException.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <limits>

namespace AlertGate {

namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

Poco::Dynamic::Var member(const Object& object, const std::string& name, const std::string& path)
{
    if (!object.has(name))
        throw PayloadError("missing", path + name);
    return object.get(name);
}

std::string stringField(const Object& object, const std::string& name, const std::string& path = "")
{
    auto value = member(object, name, path);
    if (!value.isString())
        throw PayloadError("expected a string", path + name);
    return value.extract<std::string>();
}

std::string oneOf(const Object& object, const std::string& name, const std::string& path)
{
    std::string value = stringField(object, name, path);
    if (value != "firing" && value != "resolved")
        throw PayloadError("expected \"firing\" or \"resolved\"", path + name);
    return value;
}

LabelSet labelSet(const Object& object, const std::string& name, const std::string& path = "")
{
    auto value = member(object, name, path);
    if (value.type() != typeid(Object::Ptr))
        throw PayloadError("expected an object of strings", path + name);
    LabelSet result;
    for (const auto& [key, entry] : *value.extract<Object::Ptr>())
    {
        if (!entry.isString())
            throw PayloadError("expected a string value", path + name + "." + key);
        result.emplace(key, entry.extract<std::string>());
    }
    return result;
}

std::uint64_t countField(const Object& object, const std::string& name)
{
    auto value = member(object, name, "");
    if (!value.isInteger())
        throw PayloadError("expected a non-negative integer", name);
    if (value.isSigned() && value.convert<Poco::Int64>() < 0)
        throw PayloadError("expected a non-negative integer", name);
    // SQLite stores signed 64-bit integers.
    if (value.convert<Poco::UInt64>() > static_cast<Poco::UInt64>(std::numeric_limits<Poco::Int64>::max()))
        throw PayloadError("too large", name);
    return value.convert<Poco::UInt64>();
}

std::string timeField(const Object& object, const std::string& name, const std::string& path)
{
    std::string value = stringField(object, name, path);
    if (!Rfc3339::parseMicros(value))
        throw PayloadError("expected an RFC 3339 time", path + name);
    return value;
}

bool isFingerprint(const std::string& text)
{
    if (text.empty() || text.size() > 64)
        return false;
    for (char c : text)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
            return false;
    return true;
}

Alert parseAlert(const Object& object, const std::string& path)
{
    Alert alert;
    alert.status = oneOf(object, "status", path);
    alert.labels = labelSet(object, "labels", path);
    alert.annotations = labelSet(object, "annotations", path);
    alert.startsAt = timeField(object, "startsAt", path);
    std::string endsAt = timeField(object, "endsAt", path);
    alert.endsAt = Rfc3339::isGoZeroTime(endsAt) ? std::string() : endsAt;
    alert.generatorURL = stringField(object, "generatorURL", path);
    alert.fingerprint = stringField(object, "fingerprint", path);
    if (!isFingerprint(alert.fingerprint))
        throw PayloadError("expected 1 to 64 hexadecimal digits", path + "fingerprint");
    return alert;
}

std::vector<Alert> parseAlerts(const Object& root)
{
    auto value = member(root, "alerts", "");
    if (value.type() != typeid(Array::Ptr))
        throw PayloadError("expected an array", "alerts");
    std::vector<Alert> alerts;
    const auto& array = *value.extract<Array::Ptr>();
    for (std::size_t i = 0; i < array.size(); ++i)
    {
        std::string path = "alerts[" + std::to_string(i) + "].";
        Object::Ptr object = array.getObject(static_cast<unsigned>(i));
        if (!object)
            throw PayloadError("expected an object", "alerts[" + std::to_string(i) + "]");
        alerts.push_back(parseAlert(*object, path));
    }
    return alerts;
}

Object::Ptr parseRoot(const std::string& body)
{
    if (!isValidUtf8(body))
        throw PayloadError(PayloadError::Kind::Encoding, "body is not valid UTF-8", "");
    if (auto name = nameWithNul(body))
        throw PayloadError("a name holds NUL (\\u0000), which alertgate cannot keep: \"" +
                               printable(*name, 64) + "\\u0000...\"",
                           "");
    Poco::Dynamic::Var root;
    try
    {
        Poco::JSON::Parser parser;
        root = parser.parse(body);
    }
    catch (const Poco::Exception& e)
    {
        throw PayloadError(PayloadError::Kind::Syntax, "invalid JSON: " + e.displayText(), "");
    }
    if (root.type() != typeid(Object::Ptr))
        throw PayloadError(PayloadError::Kind::Syntax, "expected a JSON object", "");
    return root.extract<Object::Ptr>();
}

} // namespace

Notification PayloadParser::parse(const std::string& body)
{
    Object::Ptr root = parseRoot(body);
    Notification n;
    n.version = stringField(*root, "version");
    if (n.version != "4")
        throw PayloadError(PayloadError::Kind::Version,
                           "unsupported webhook version \"" + printable(n.version, 16) +
                               "\" (alertgate reads version 4)",
                           "version");
    n.status = oneOf(*root, "status", "");
    n.receiver = stringField(*root, "receiver");
    n.groupKey = stringField(*root, "groupKey");
    n.groupLabels = labelSet(*root, "groupLabels");
    n.commonLabels = labelSet(*root, "commonLabels");
    n.commonAnnotations = labelSet(*root, "commonAnnotations");
    n.externalURL = stringField(*root, "externalURL");
    n.truncatedAlerts = countField(*root, "truncatedAlerts");
    // Newer Alertmanagers add these; older ones (bookworm's 0.25, trixie's 0.28) leave them out.
    if (root->has("notification_reason"))
        n.notificationReason = stringField(*root, "notification_reason");
    if (root->has("routeLabels"))
        n.routeLabels = labelSet(*root, "routeLabels");
    n.alerts = parseAlerts(*root);
    n.rawPayload = body;
    return n;
}

} // namespace AlertGate
