#pragma once

#include <cstddef>
#include <string_view>

namespace AlertGate {

/// How far a request's head (request line and header fields) has arrived, judged from the bytes
/// received so far on a connection.
enum class RequestHead
{
    Incomplete, /// No blank line yet: more bytes must come before a worker can read it without waiting.
    Complete,   /// The blank line that ends the head has arrived.
    Oversized   /// maxBytes arrived without the blank line.
};

RequestHead requestHeadState(std::string_view received, std::size_t maxBytes);
/// Complete once received holds the empty line that ends a head (CRLF CRLF, or bare LF LF as
/// POCO's parser also accepts) within maxBytes; Oversized when it does not within maxBytes.

std::size_t requestHeadLength(std::string_view received);
/// Bytes up to and including the empty line that ends the head (what follows is the body or the next
/// request); 0 while that line has not arrived. A line ends with LF, optionally preceded by CR.

} // namespace AlertGate
