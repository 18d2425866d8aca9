#pragma once

#include <Poco/Net/HTTPRequest.h>

#include <cstdint>
#include <string>

namespace AlertGate {

/// How a request's body is delimited (RFC 9112 section 6), judged from its head alone. Strict, as a
/// parser of hostile input must be behind a proxy: anything the RFC does not allow is Invalid, never
/// guessed at, since a guess that differs from a proxy's is how requests are smuggled.
struct RequestFraming
{
    enum class Kind
    {
        None,    /// No body (no Content-Length, no Transfer-Encoding: length zero, RFC 9112 6.3).
        Length,  /// Content-Length: exactly length bytes follow the head.
        Chunked, /// Transfer-Encoding: chunked.
        Invalid  /// The length cannot be known: answered with status and closed.
    };

    Kind kind = Kind::None;
    std::uint64_t length = 0; /// Kind::Length: the declared length.
    int status = 0;           /// Kind::Invalid: 400, or 501 for a transfer coding alertgate does not decode.
    std::string problem; /// Kind::Invalid: why, for the answer and the log (hostile bytes made printable).
    bool expectContinue = false; /// The client waits for "100 Continue" before it sends the body.
};

RequestFraming framingOf(const Poco::Net::HTTPRequest& head);
/// Exactly one Content-Length of 1 to 18 digits, or one Transfer-Encoding whose only coding is chunked
/// (HTTP/1.1 only), never both; otherwise Invalid.

RequestFraming framingOf(const std::string& head);
/// The same from a head's bytes (up to and including its empty line); a head that POCO's parser refuses
/// is Invalid (400) too.

} // namespace AlertGate
