#include "config/KeyReference.h"

#include "config/ConfigKeys.h"

namespace AlertGate {

const char* const KeyReference::beginMarker = ".\\\" BEGIN KEYS: generated from src/config/ConfigKeys.cpp";
const char* const KeyReference::endMarker = ".\\\" END KEYS";

namespace {

// Text for troff: a backslash is \e, a minus is \-, and a line never starts with a control character.
std::string troff(const std::string& text)
{
    std::string out;
    for (char c : text)
    {
        if (c == '\\')
            out += "\\e";
        else if (c == '-')
            out += "\\-";
        else
            out += c;
    }
    if (!out.empty() && (out[0] == '.' || out[0] == '\''))
        out = "\\&" + out;
    return out;
}

std::string entry(const ConfigKey& key)
{
    std::string text = ".TP\n.B " + troff(key.key()) + "\n" + troff(key.slot.type);
    if (!key.defaultValue.empty())
        text += "; default \\fB" + troff(key.defaultValue) + "\\fR";
    text += key.reload == Reload::Applies ? "; a reload applies it.\n" : "; takes a restart.\n";
    return text + troff(key.help) + "\n";
}

} // namespace

std::string KeyReference::manPage()
{
    std::string text = std::string(beginMarker) + "\n";
    std::string section;
    for (const auto& key : ConfigKeys::all())
    {
        if (key.section() != section)
        {
            section = key.section();
            text += ".SS [" + section + "]\n";
        }
        text += entry(key);
    }
    return text + endMarker + "\n";
}

} // namespace AlertGate
