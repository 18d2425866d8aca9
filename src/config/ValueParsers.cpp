#include "config/ValueParsers.h"

#include "core/Matcher.h"
#include "core/Printable.h"
#include "core/TowerState.h"
#include "core/Units.h"
#include "core/ValueError.h"

#include <Poco/Net/IPAddress.h>
#include <Poco/NumberParser.h>
#include <Poco/Path.h>
#include <Poco/String.h>
#include <Poco/StringTokenizer.h>
#include <Poco/URI.h>

#include <cctype>
#include <stdexcept>

namespace AlertGate::ValueParsers {

namespace {

Poco::StringTokenizer commaSeparated(const std::string& value)
{
    return Poco::StringTokenizer(value, ",",
                                 Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
}

} // namespace

std::int64_t duration(const std::string& value, Range range)
{
    auto millis = parseDurationMillis(value);
    if (!millis)
        throw ValueError("expected a duration such as 500ms, 10s, 5m or 1h");
    if (*millis < range.min || *millis > range.max)
        throw ValueError("out of range (min " + std::to_string(range.min) + "ms, max " +
                         std::to_string(range.max) + "ms)");
    return *millis;
}

int integer(const std::string& value, Range range)
{
    int number;
    if (!Poco::NumberParser::tryParse(value, number))
        throw ValueError("expected an integer");
    if (number < range.min || number > range.max)
        throw ValueError("out of range (min " + std::to_string(range.min) + ", max " +
                         std::to_string(range.max) + ")");
    return number;
}

std::uint64_t bytes(const std::string& value, Range range)
{
    auto size = parseByteSize(value);
    if (!size)
        throw ValueError("expected a size such as 65536, 64KiB or 1MiB");
    if (*size < static_cast<std::uint64_t>(range.min) || *size > static_cast<std::uint64_t>(range.max))
        throw ValueError("out of range (min " + std::to_string(range.min) + " bytes, max " +
                         std::to_string(range.max) + " bytes)");
    return *size;
}

bool boolean(const std::string& value)
{
    for (const char* yes : {"true", "yes", "on", "1"})
        if (value == yes)
            return true;
    for (const char* no : {"false", "no", "off", "0"})
        if (value == no)
            return false;
    throw ValueError("expected true or false");
}

std::pair<std::string, std::uint16_t> listen(const std::string& value)
{
    auto colon = value.rfind(':');
    if (colon == std::string::npos)
        throw ValueError("expected ADDRESS:PORT, e.g. 127.0.0.1:9098");
    std::string host = value.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    Poco::Net::IPAddress address;
    if (!Poco::Net::IPAddress::tryParse(host, address))
        throw ValueError("\"" + printable(host) + "\" is not an IP address");
    return {host, static_cast<std::uint16_t>(integer(value.substr(colon + 1), {0, 65535}))};
}

const std::string& nonEmpty(const std::string& value)
{
    if (value.empty())
        throw ValueError("must not be empty");
    return value;
}

const std::string& headerSafe(const std::string& value)
{
    for (char c : value)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
            throw ValueError("control characters are not allowed");
    return value;
}

std::string oneOf(const std::string& value, const std::vector<std::string>& words)
{
    std::string list;
    for (const auto& word : words)
    {
        if (value == word)
            return value;
        list += (list.empty() ? "" : ", ") + word;
    }
    throw ValueError("expected one of " + list);
}

std::string matchers(const std::string& value)
{
    Matcher::parseList(value);
    return value;
}

std::string lampSpec(const std::string& value)
{
    TowerState::parse(value);
    return value;
}

std::string mailbox(const std::string& value)
{
    std::string trimmed = Poco::trim(value);
    if (headerSafe(trimmed).find('@') == std::string::npos || trimmed.find(',') != std::string::npos)
        throw ValueError("\"" + printable(trimmed, 60) + "\" is not an e-mail address");
    return trimmed;
}

std::vector<std::string> mailboxes(const std::string& value)
{
    std::vector<std::string> result;
    for (const auto& part : commaSeparated(value))
        result.push_back(mailbox(part));
    if (result.empty())
        throw ValueError("expected one or more e-mail addresses, separated by commas");
    return result;
}

std::string httpsUrl(const std::string& value)
{
    Poco::URI url;
    try
    {
        url = Poco::URI(value);
    }
    catch (const Poco::SyntaxException&)
    {
        throw ValueError("not a URL");
    }
    if (url.getScheme() != "https" || url.getHost().empty())
        throw ValueError("expected an https:// URL");
    return value;
}

std::string httpsBaseUrl(const std::string& value)
{
    std::string base = httpsUrl(value);
    while (!base.empty() && base.back() == '/')
        base.pop_back();
    return base;
}

std::vector<std::string> httpUrls(const std::string& value)
{
    std::vector<std::string> result;
    for (const auto& part : Poco::StringTokenizer(
             value, ",", Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY))
    {
        Poco::URI url;
        try
        {
            url = Poco::URI(part);
        }
        catch (const Poco::SyntaxException&)
        {
            throw ValueError("\"" + printable(part, 60) + "\" is not a URL");
        }
        if ((url.getScheme() != "http" && url.getScheme() != "https") || url.getHost().empty())
            throw ValueError("expected http:// or https:// URLs, not \"" + printable(part, 60) + "\"");
        result.push_back(part);
    }
    if (result.empty())
        throw ValueError("expected one or more URLs, separated by commas");
    return result;
}

std::vector<std::string> labelNames(const std::string& value)
{
    std::vector<std::string> result;
    for (const auto& part : Poco::StringTokenizer(
             value, ",", Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY))
    {
        bool valid = !std::isdigit(static_cast<unsigned char>(part[0]));
        for (char c : part)
            valid = valid && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
        if (!valid)
            throw ValueError("\"" + printable(part, 40) +
                             "\" is not a label name (letters, digits and _, not starting with a digit)");
        result.push_back(part);
    }
    return result;
}

std::map<std::string, std::string> severityPatterns(const std::string& value)
{
    std::map<std::string, std::string> result;
    for (const auto& part : commaSeparated(value))
    {
        auto colon = part.find(':');
        std::string severity = colon == std::string::npos ? "" : Poco::trim(part.substr(0, colon));
        std::string pattern = colon == std::string::npos ? "" : Poco::trim(part.substr(colon + 1));
        if (severity.empty() || pattern.empty())
            throw ValueError("expected SEVERITY:PATTERN pairs such as critical:alarm, not \"" +
                             printable(part, 40) + "\"");
        result[severity] = pattern;
    }
    return result;
}

BuzzerPattern buzzerPattern(const std::string& name, const std::string& value)
{
    if (name.empty() || name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_-") != std::string::npos)
        throw ValueError("pattern names are lower-case letters, digits, _ and -");
    auto slash = value.find('/');
    if (slash == std::string::npos)
        throw ValueError("expected ON/OFF durations, e.g. 500ms/500ms (0s off: continuous)");
    auto on = duration(value.substr(0, slash), {10, 60000});
    auto off = duration(value.substr(slash + 1), {0, 3600000});
    return BuzzerPattern{name, std::chrono::milliseconds(on), std::chrono::milliseconds(off)};
}

std::string pathIn(const std::string& directory, const std::string& value)
{
    Poco::Path path(nonEmpty(value));
    if (path.isAbsolute())
        return value;
    return Poco::Path(Poco::Path::forDirectory(directory), path).toString();
}

std::string durationText(std::int64_t millis)
{
    static const std::pair<std::int64_t, const char*> units[] = {
        {24 * 3600000LL, "d"}, {3600000, "h"}, {60000, "m"}, {1000, "s"}};
    if (millis == 0)
        return "0s";
    for (const auto& [size, unit] : units)
        if (millis % size == 0)
            return std::to_string(millis / size) + unit;
    return std::to_string(millis) + "ms";
}

} // namespace AlertGate::ValueParsers
