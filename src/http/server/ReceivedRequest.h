#pragma once

#include "http/server/RequestFraming.h"

#include <Poco/Net/StreamSocket.h>

#include <cstdint>
#include <string>

namespace AlertGate {

/// A request as the connection gate hands it to a worker: its head and, normally, its whole body,
/// already received, so the worker never waits for the client.
struct ReceivedRequest
{
    Poco::Net::StreamSocket socket;
    std::string head; /// Request line and header fields, up to and including the empty line.
    std::string body; /// Decoded (not chunked) body; for a chunked one too large, its first limit + 1 bytes.
    RequestFraming framing;
    bool bodyUnread = false; /// Declared larger than the limit (or framing Invalid): it was not read, and
                             /// the connection ends after the answer, draining what the client still sends.
    bool closeAfter = false; /// Bytes after this request were read with it (chunked): the answer says
                             /// Connection: close, so a pipelined request is refused, not lost unseen.
};

/// What becomes of a connection after its answer.
struct AfterAnswer
{
    enum class Kind
    {
        Close,     /// Closed at once.
        KeepAlive, /// Back to the gate to wait for its next request.
        Drain      /// Back to the gate, which reads and discards up to drainBytes (the body the client is
                   /// still sending) before closing, so the client reads the answer instead of a reset.
    };
    Kind kind = Kind::Close;
    std::uint64_t drainBytes = 0;
};

} // namespace AlertGate
