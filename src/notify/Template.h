#pragma once

#include "core/ValueError.h"

#include <kainjow/mustache.hpp>

#include <string>

namespace AlertGate {

/// A Mustache template (kainjow's, Debian libkainjow-mustache-dev). Every {{value}} is escaped for
/// where the text goes, because every label and annotation is hostile: HTML for email's HTML part,
/// Slack's own &amp; &lt; &gt; for Slack text, nothing for plain text (which goes through its own
/// encoding); in all three, bidirectional controls are shown by name (revealBidiControls) so a value
/// cannot reorder the text around it. {{{value}}} bypasses escaping and is for the template author's
/// own risk.
class Template
{
public:
    enum class Escape
    {
        None,
        Html,
        Slack
    };

    Template(const std::string& text, Escape escape, const std::string& origin);
    /// Throws ValueError naming origin when the text is not a valid template.

    static Template load(const std::string& file, const std::string& defaultName, Escape escape);
    /// The template in file, or the built-in default of that name when file is empty.

    std::string render(const kainjow::mustache::data& data) const;

private:
    mutable kainjow::mustache::mustache _mustache;
};

std::string escapeSlack(const std::string& text);
/// &, < and > as Slack wants them in text (&amp; &lt; &gt;), and the bidirectional controls named
/// (revealBidiControls), nothing else.

} // namespace AlertGate
