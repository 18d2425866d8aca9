#include "notify/email/HeaderEncoding.h"

#include "core/Base64.h"

#include <sstream>

namespace AlertGate {

namespace {

// 45 bytes of UTF-8 become 60 base64 characters: with "=?UTF-8?B?" and "?=" a word stays at 72.
constexpr std::size_t kWordBytes = 45;

bool isContinuation(char c)
{
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

bool needsEncoding(const std::string& text)
{
    for (char c : text)
        if (static_cast<unsigned char>(c) >= 0x80)
            return true;
    return text.find("=?") != std::string::npos || text.size() > 60;
}

} // namespace

std::string headerText(const std::string& text, std::size_t maxChars)
{
    std::string out;
    std::size_t chars = 0;
    for (std::size_t i = 0; i < text.size(); ++i)
    {
        auto c = static_cast<unsigned char>(text[i]);
        bool control = c < 0x20 || c == 0x7F;
        if (control || c == ' ')
        {
            if (!out.empty() && out.back() != ' ')
                out += ' ';
            continue;
        }
        if (!isContinuation(text[i]) && ++chars > maxChars)
        {
            out += "…";
            break;
        }
        out += text[i];
    }
    while (!out.empty() && out.back() == ' ')
        out.pop_back();
    return out;
}

std::string encodeHeaderWords(const std::string& text)
{
    if (!needsEncoding(text))
        return text;
    std::string out;
    std::size_t start = 0;
    while (start < text.size())
    {
        std::size_t end = std::min(start + kWordBytes, text.size());
        while (end < text.size() && end > start && isContinuation(text[end]))
            --end;
        out += (out.empty() ? "" : "\r\n ") + std::string("=?UTF-8?B?") +
               base64(text.substr(start, end - start)) + "?=";
        start = end;
    }
    return out;
}

} // namespace AlertGate
