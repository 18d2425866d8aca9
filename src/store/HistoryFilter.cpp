#include "store/HistoryFilter.h"

#include "core/Printable.h"
#include "core/Rfc3339.h"
#include "core/Units.h"

#include <Poco/NumberParser.h>

#include <cctype>
#include <limits>

namespace AlertGate {

namespace {

constexpr std::size_t kMaxValueBytes = 1024;

[[noreturn]] void invalid(const std::string& name, const std::string& value, const std::string& expected)
{
    throw FilterError("invalid value \"" + printable(value, 40) + "\" for " + name + ": expected " +
                      expected);
}

// A duration counts back from now ("24h" = the last 24 hours); anything else must be RFC 3339.
std::int64_t timeValue(const std::string& name, const std::string& value, std::int64_t nowMicros)
{
    if (auto millis = parseDurationMillis(value))
    {
        // Beyond a few hundred thousand years back, microseconds would overflow.
        if (*millis > std::numeric_limits<std::int64_t>::max() / 2000)
            invalid(name, value, "a shorter duration");
        return nowMicros - *millis * 1000;
    }
    if (auto micros = Rfc3339::parseMicros(value))
        return *micros;
    invalid(name, value, "a duration such as 30m or 24h, or an RFC 3339 time such as 2026-11-23T08:00:00Z");
}

bool isLabelName(const std::string& name)
{
    if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0])))
        return false;
    for (char c : name)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_'))
            return false;
    return true;
}

std::pair<std::string, std::string> labelMatch(const std::string& value)
{
    auto equals = value.find('=');
    if (equals == std::string::npos || !isLabelName(value.substr(0, equals)))
        invalid("label", value, "NAME=VALUE with a Prometheus label name, e.g. instance=pi:9100");
    return {value.substr(0, equals), value.substr(equals + 1)};
}

int limitValue(const std::string& value)
{
    int limit;
    if (!Poco::NumberParser::tryParse(value, limit) || limit < 1 || limit > HistoryFilter::kMaxLimit)
        invalid("limit", value, "a whole number from 1 to " + std::to_string(HistoryFilter::kMaxLimit));
    return limit;
}

std::string nonEmpty(const std::string& name, const std::string& value)
{
    if (value.empty())
        invalid(name, value, "a non-empty value");
    return value;
}

} // namespace

const std::vector<std::string>& HistoryFilter::names()
{
    static const std::vector<std::string> all = {"since",     "until", "status", "severity",
                                                 "alertname", "label", "limit"};
    return all;
}

void HistoryFilter::set(const std::string& name, const std::string& value, std::int64_t nowMicros)
{
    if (value.size() > kMaxValueBytes)
        invalid(name, value, "at most 1024 bytes");
    if (name == "since")
        sinceMicros = timeValue(name, value, nowMicros);
    else if (name == "until")
        untilMicros = timeValue(name, value, nowMicros);
    else if (name == "status")
    {
        if (value != "firing" && value != "resolved" && value != "silenced")
            invalid(name, value, "firing, resolved or silenced");
        status = value;
    }
    else if (name == "severity")
        severity = nonEmpty(name, value);
    else if (name == "alertname")
        alertname = nonEmpty(name, value);
    else if (name == "label")
        labels.push_back(labelMatch(value));
    else if (name == "limit")
        limit = limitValue(value);
    else
        throw FilterError("unknown filter \"" + printable(name, 40) +
                          "\" (known: since, until, status, severity, alertname, label, limit)");
}

} // namespace AlertGate
