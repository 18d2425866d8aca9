#include "core/Matcher.h"

#include "core/Printable.h"
#include "core/ValueError.h"

#include <Poco/Exception.h>

#include <cctype>
#include <stdexcept>

namespace AlertGate {

namespace {

void skipSpaces(const std::string& text, std::size_t& pos)
{
    while (pos < text.size() && std::isspace(static_cast<unsigned char>(text[pos])))
        ++pos;
}

std::string readName(const std::string& text, std::size_t& pos)
{
    std::size_t start = pos;
    while (pos < text.size() && (std::isalnum(static_cast<unsigned char>(text[pos])) || text[pos] == '_'))
        ++pos;
    if (pos == start || std::isdigit(static_cast<unsigned char>(text[start])))
        throw ValueError("expected a label name at \"" + printable(text.substr(start), 30) + "\"");
    return text.substr(start, pos - start);
}

Matcher::Op readOp(const std::string& text, std::size_t& pos)
{
    auto at = [&](const char* op) { return text.compare(pos, std::char_traits<char>::length(op), op) == 0; };
    if (at("=~"))
        return pos += 2, Matcher::Op::Regex;
    if (at("!~"))
        return pos += 2, Matcher::Op::NotRegex;
    if (at("!="))
        return pos += 2, Matcher::Op::NotEqual;
    if (at("="))
        return pos += 1, Matcher::Op::Equal;
    throw ValueError("expected =, !=, =~ or !~ at \"" + printable(text.substr(pos), 30) + "\"");
}

std::string readQuoted(const std::string& text, std::size_t& pos)
{
    std::string value;
    for (++pos; pos < text.size(); ++pos)
    {
        if (text[pos] == '"')
            return ++pos, value;
        if (text[pos] == '\\' && pos + 1 < text.size())
            ++pos;
        value += text[pos];
    }
    throw ValueError("unterminated quoted value");
}

// A bare value ends at a comma or a space: `severity=critical alertname=x` is a missing comma, not
// one value with a space in it.
std::string readValue(const std::string& text, std::size_t& pos)
{
    if (pos < text.size() && text[pos] == '"')
        return readQuoted(text, pos);
    std::size_t start = pos;
    while (pos < text.size() && text[pos] != ',' && !std::isspace(static_cast<unsigned char>(text[pos])))
        ++pos;
    return text.substr(start, pos - start);
}

} // namespace

Matcher::Matcher(std::string name, Op op, std::string value)
    : _name(std::move(name)), _op(op), _value(std::move(value))
{
    if (_op != Op::Regex && _op != Op::NotRegex)
        return;
    try
    {
        _regex = std::make_shared<Poco::RegularExpression>("^(?:" + _value + ")$",
                                                           Poco::RegularExpression::RE_UTF8);
    }
    catch (const Poco::RegularExpressionException& e)
    {
        throw ValueError("invalid regular expression \"" + printable(_value, 60) + "\": " + e.message());
    }
}

bool Matcher::matches(const LabelSet& labels) const
{
    auto found = labels.find(_name);
    const std::string& actual = found == labels.end() ? std::string() : found->second;
    switch (_op)
    {
    case Op::Equal: return actual == _value;
    case Op::NotEqual: return actual != _value;
    case Op::Regex: return _regex->match(actual);
    default: return !_regex->match(actual);
    }
}

std::vector<Matcher> Matcher::parseList(const std::string& text)
{
    std::vector<Matcher> matchers;
    std::size_t pos = 0;
    skipSpaces(text, pos);
    while (pos < text.size())
    {
        std::string name = readName(text, pos);
        skipSpaces(text, pos);
        Op op = readOp(text, pos);
        skipSpaces(text, pos);
        matchers.emplace_back(name, op, readValue(text, pos));
        skipSpaces(text, pos);
        if (pos < text.size() && text[pos] != ',')
            throw ValueError("expected a comma at \"" + printable(text.substr(pos), 30) + "\"");
        ++pos;
        skipSpaces(text, pos);
    }
    return matchers;
}

} // namespace AlertGate
