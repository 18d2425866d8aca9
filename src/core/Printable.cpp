#include "core/Printable.h"

#include <cstdio>

namespace AlertGate {

namespace {

// Removes a UTF-8 sequence cut short at the end of text; complete characters stay.
void dropIncompleteCharacter(std::string& text)
{
    std::size_t lead = text.size();
    while (lead > 0 && (static_cast<unsigned char>(text[lead - 1]) & 0xC0) == 0x80)
        --lead;
    if (lead == 0)
        return;
    auto first = static_cast<unsigned char>(text[lead - 1]);
    std::size_t expected = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC0 ? 2 : 1;
    if (text.size() - (lead - 1) < expected)
        text.erase(lead - 1);
}

} // namespace

std::string printable(const std::string& text, std::size_t maxBytes)
{
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i)
    {
        if (out.size() >= maxBytes)
        {
            dropIncompleteCharacter(out);
            return out + "...";
        }
        auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 || c == 0x7F)
        {
            char escape[16];
            std::snprintf(escape, sizeof escape, "\\x%02X", c);
            out += escape;
        }
        else
            out += static_cast<char>(c);
    }
    return out;
}

} // namespace AlertGate
