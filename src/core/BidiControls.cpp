#include "core/BidiControls.h"

#include <cstdio>

namespace AlertGate {

namespace {

// In UTF-8 the controls are E2 80 AA..AE and E2 81 A6..A9; E2 only ever starts a character, so a
// byte match cannot start inside another one.
bool isBidiControl(const std::string& text, std::size_t i)
{
    if (i + 2 >= text.size() || static_cast<unsigned char>(text[i]) != 0xE2)
        return false;
    auto second = static_cast<unsigned char>(text[i + 1]);
    auto third = static_cast<unsigned char>(text[i + 2]);
    return (second == 0x80 && third >= 0xAA && third <= 0xAE) ||
           (second == 0x81 && third >= 0xA6 && third <= 0xA9);
}

std::string visibleName(const std::string& text, std::size_t i)
{
    unsigned codePoint = ((static_cast<unsigned char>(text[i]) & 0x0Fu) << 12) |
                         ((static_cast<unsigned char>(text[i + 1]) & 0x3Fu) << 6) |
                         (static_cast<unsigned char>(text[i + 2]) & 0x3Fu);
    char name[16];
    std::snprintf(name, sizeof name, "[U+%04X]", codePoint);
    return name;
}

} // namespace

std::string revealBidiControls(const std::string& text)
{
    if (text.find('\xE2') == std::string::npos)
        return text;
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i)
    {
        if (isBidiControl(text, i))
        {
            out += visibleName(text, i);
            i += 2;
        }
        else
            out += text[i];
    }
    return out;
}

} // namespace AlertGate
