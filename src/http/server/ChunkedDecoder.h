#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace AlertGate {

/// Decodes a chunked body (RFC 9112 section 7.1) as its bytes arrive, in pieces of any size, so the
/// connection gate can receive it without a thread and tell where the message ends. Chunk extensions
/// are ignored and trailer fields discarded; a size line or the trailer section longer than a few KiB
/// is malformed rather than buffered.
class ChunkedDecoder
{
public:
    enum class State
    {
        More,     /// The last chunk and the trailer section have not all arrived.
        Complete, /// The message ended; bytes after it belong to the next request.
        Malformed /// Not chunked framing; problem() says why.
    };

    std::size_t feed(std::string_view bytes, std::string& body);
    /// Decodes from bytes and appends the chunk data to body; returns how many of bytes were part of this
    /// message (all of them unless it completed or became malformed within them).

    State state() const { return _state; }
    const std::string& problem() const { return _problem; }

private:
    enum class Step
    {
        SizeLine,
        Data,
        DataEnd,
        Trailer
    };

    bool takeLine(char c);
    void endSizeLine();
    void endDataLine();
    void endTrailerLine();
    void fail(const std::string& problem);

    State _state = State::More;
    Step _step = Step::SizeLine;
    std::string _line;
    std::uint64_t _remaining = 0; /// Data bytes left in the current chunk.
    std::size_t _trailerBytes = 0;
    std::string _problem;
};

} // namespace AlertGate
