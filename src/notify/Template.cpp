#include "notify/Template.h"

#include "notify/DefaultTemplates.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace AlertGate {

namespace {

std::string escapeHtml(const std::string& text)
{
    std::string out;
    for (char c : text)
    {
        switch (c)
        {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

std::string readTemplateFile(const std::string& file)
{
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::invalid_argument("cannot read template " + file);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace

std::string escapeSlack(const std::string& text)
{
    std::string out;
    for (char c : text)
    {
        switch (c)
        {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        default: out += c;
        }
    }
    return out;
}

Template::Template(const std::string& text, Escape escape, const std::string& origin) : _mustache(text)
{
    if (!_mustache.is_valid())
        throw std::invalid_argument("template " + origin + " is not valid: " + _mustache.error_message());
    if (escape == Escape::Html)
        _mustache.set_custom_escape(escapeHtml);
    else if (escape == Escape::Slack)
        _mustache.set_custom_escape(escapeSlack);
    else
        _mustache.set_custom_escape([](const std::string& s) { return s; });
}

Template Template::load(const std::string& file, const std::string& defaultName, Escape escape)
{
    if (!file.empty()) return Template(readTemplateFile(file), escape, file);
    return Template(defaultTemplates().at(defaultName), escape, "(built-in " + defaultName + ")");
}

std::string Template::render(const kainjow::mustache::data& data) const { return _mustache.render(data); }

} // namespace AlertGate
