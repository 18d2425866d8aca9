#pragma once

#include <string>

namespace AlertGate {

std::string revealBidiControls(const std::string& text);
/// text with every Unicode embedding, override and isolate control (U+202A–U+202E, U+2066–U+2069)
/// replaced by its visible name, e.g. "[U+202E]". Those characters reorder what follows them on
/// screen, so a label could make "exe.txt" read as "txt.exe" in a subject or a Slack message; the
/// reader sees that they were there instead. text must be valid UTF-8 (as every parsed label is).

} // namespace AlertGate
