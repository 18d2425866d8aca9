#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace AlertGate {

/// An e-mail as it goes on the wire (RFC 5322 + MIME): Date, Message-ID, From, To, an RFC 2047
/// Subject, and a multipart/alternative body with a text and an HTML part, both UTF-8 in base64
/// (safe for any content and line length). From and To come from the configuration only.
struct MimeMessage
{
    std::string from;
    std::vector<std::string> to;
    std::string subject; /// Any text: it is made header-safe and encoded here.
    std::string text;
    std::string html;
    std::string messageId; /// Without angle brackets, e.g. "42.1a2b3c@pi".
    std::string inReplyTo; /// The Message-ID this mail follows up (In-Reply-To and References); empty: none.
    std::string boundary;
    std::int64_t dateMicros = 0;

    std::string compose() const;
    /// CRLF line endings throughout; the SMTP layer adds dot-stuffing.

    static std::string rfc5322Date(std::int64_t micros);
    /// "Mon, 23 Nov 2026 08:00:01 +0000".
};

} // namespace AlertGate
