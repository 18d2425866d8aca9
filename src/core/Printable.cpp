#include "core/Printable.h"

#include <cstdio>

namespace AlertGate {

std::string printable(const std::string& text, std::size_t maxBytes)
{
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i)
    {
        if (out.size() >= maxBytes)
        {
            // Cut on a character boundary so the result stays valid UTF-8.
            while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
            if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xC0) out.pop_back();
            return out + "...";
        }
        auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 || c == 0x7F)
        {
            char escape[8];
            std::snprintf(escape, sizeof escape, "\\x%02X", c);
            out += escape;
        }
        else
            out += static_cast<char>(c);
    }
    return out;
}

} // namespace AlertGate
