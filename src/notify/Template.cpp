#include "notify/Template.h"

#include "core/BidiControls.h"
#include "core/ValueError.h"
#include "notify/DefaultTemplates.h"

#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

namespace AlertGate {

namespace {

// Replaces each character that has an entry in entities; everything else is copied as is, but for
// the bidirectional controls, which are named.
std::string escapeWith(const std::string& text, const std::map<char, const char*>& entities)
{
    std::string out;
    for (char c : revealBidiControls(text))
    {
        auto entity = entities.find(c);
        out += entity == entities.end() ? std::string(1, c) : std::string(entity->second);
    }
    return out;
}

std::string escapeHtml(const std::string& text)
{
    return escapeWith(text, {{'&', "&amp;"}, {'<', "&lt;"}, {'>', "&gt;"}, {'"', "&quot;"}, {'\'', "&#39;"}});
}

std::string readTemplateFile(const std::string& file)
{
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw ValueError("cannot read template " + file);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace

std::string escapeSlack(const std::string& text)
{
    return escapeWith(text, {{'&', "&amp;"}, {'<', "&lt;"}, {'>', "&gt;"}});
}

Template::Template(const std::string& text, Escape escape, const std::string& origin) : _mustache(text)
{
    if (!_mustache.is_valid())
        throw ValueError("template " + origin + " is not valid: " + _mustache.error_message());
    if (escape == Escape::Html)
        _mustache.set_custom_escape(escapeHtml);
    else if (escape == Escape::Slack)
        _mustache.set_custom_escape(escapeSlack);
    else
        _mustache.set_custom_escape(revealBidiControls);
}

Template Template::load(const std::string& file, const std::string& defaultName, Escape escape)
{
    if (!file.empty())
        return Template(readTemplateFile(file), escape, file);
    return Template(defaultTemplates().at(defaultName), escape, "(built-in " + defaultName + ")");
}

std::string Template::render(const kainjow::mustache::data& data) const
{
    return _mustache.render(data);
}

} // namespace AlertGate
