#pragma once

#include <string>

namespace AlertGate {

std::string headerText(const std::string& text, std::size_t maxChars = 200);
/// text fit for one header line: CR, LF, TAB and every other control character become a space,
/// runs of spaces collapse, and it is cut to maxChars characters. This is what stops a label such as
/// "x\r\nBcc: someone" from ever becoming a header of its own.

std::string encodeHeaderWords(const std::string& text);
/// RFC 2047 "B" encoded words for a UTF-8 header value (=?UTF-8?B?...?=), each at most 75
/// characters and holding whole characters only, folded with CRLF SP. Plain ASCII without '=?'
/// stays as it is.

} // namespace AlertGate
