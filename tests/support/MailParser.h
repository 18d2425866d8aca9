#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace AlertGate::Test {

/// One leaf part of a parsed message.
struct MailPart
{
    std::string contentType; /// e.g. "text/plain".
    std::string charset;     /// Lower case, "" if none.
    std::string text; /// Decoded (transfer encoding and charset) for text/*, with \n line ends; "" otherwise.
};

/// A message as a mail client reads it (Python's email package, policy=default): every value decoded
/// from RFC 2047 and UTF-8.
struct ParsedMail
{
    std::vector<std::pair<std::string, std::string>> headers; /// Every header in order: name, decoded value.
    std::string subject;
    std::string from;
    std::vector<std::string> to; /// One entry per address, "Display Name <addr>" or "addr".
    std::string date;
    std::string messageId;
    std::string contentType; /// e.g. "multipart/alternative".
    std::vector<MailPart> parts;
    std::vector<std::string> defects; /// What the parser found wrong, in the message, its parts or headers.

    std::size_t headerCount(const std::string& name) const;
    /// How many headers have this name (case-insensitive): a header injected through a value shows up here.
    std::string header(const std::string& name) const;
    /// The first header of that name (case-insensitive), "" if there is none.
};

ParsedMail parseMail(const std::string& emlFile);
/// Runs tests/fakes/parse_mail.py on the file; throws std::runtime_error if it fails.

} // namespace AlertGate::Test
