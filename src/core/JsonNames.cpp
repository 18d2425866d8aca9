#include "core/JsonNames.h"

namespace AlertGate {

namespace {

const std::string kNulEscape = "\\u0000";

bool isJsonSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

} // namespace

std::optional<std::string> nameWithNul(const std::string& json)
{
    std::size_t i = 0;
    while ((i = json.find('"', i)) != std::string::npos)
    {
        std::size_t end = i + 1;
        std::optional<std::size_t> nul;
        while (end < json.size() && json[end] != '"')
        {
            if (json[end] != '\\')
            {
                ++end;
                continue;
            }
            if (!nul && json.compare(end, kNulEscape.size(), kNulEscape) == 0)
                nul = end;
            end += 2; // The escaped character, so an escaped quote does not end the string.
        }
        if (end >= json.size())
            return std::nullopt; // Unterminated: the parser reports it.
        std::size_t next = end + 1;
        while (next < json.size() && isJsonSpace(json[next]))
            ++next;
        if (nul && next < json.size() && json[next] == ':')
            return json.substr(i + 1, *nul - i - 1);
        i = end + 1;
    }
    return std::nullopt;
}

} // namespace AlertGate
