#include "http/server/ChunkedDecoder.h"

#include "core/Printable.h"

#include <algorithm>
#include <cctype>

namespace AlertGate {

namespace {

constexpr std::size_t kMaxLine = 4096;
constexpr std::size_t kMaxTrailer = 16 * 1024;
constexpr std::size_t kMaxSizeDigits = 15; // Below 2^60: no overflow.

bool hexDigits(std::string_view text)
{
    return !text.empty() && text.size() <= kMaxSizeDigits &&
           std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isxdigit(c) != 0; });
}

} // namespace

std::size_t ChunkedDecoder::feed(std::string_view bytes, std::string& body)
{
    std::size_t used = 0;
    while (used < bytes.size() && _state == State::More)
    {
        if (_step == Step::Data)
        {
            auto take = static_cast<std::size_t>(std::min<std::uint64_t>(_remaining, bytes.size() - used));
            body.append(bytes.data() + used, take);
            used += take;
            _remaining -= take;
            if (_remaining == 0)
                _step = Step::DataEnd;
            continue;
        }
        if (!takeLine(bytes[used++]))
            continue;
        switch (_step)
        {
        case Step::SizeLine: endSizeLine(); break;
        case Step::DataEnd: endDataLine(); break;
        case Step::Trailer: endTrailerLine(); break;
        case Step::Data: break;
        }
        _line.clear();
    }
    return used;
}

// Collects one line; true once its LF arrived (the line then holds it without CR and LF).
bool ChunkedDecoder::takeLine(char c)
{
    if (c == '\n')
    {
        if (!_line.empty() && _line.back() == '\r')
            _line.pop_back();
        return true;
    }
    if (_line.size() >= kMaxLine)
        fail("a chunked line longer than " + std::to_string(kMaxLine) + " bytes");
    else
        _line.push_back(c);
    return false;
}

void ChunkedDecoder::endSizeLine()
{
    std::string_view size(_line);
    size = size.substr(0, size.find(';'));
    while (!size.empty() && (size.back() == ' ' || size.back() == '\t'))
        size.remove_suffix(1);
    if (!hexDigits(size))
        return fail("malformed chunk size \"" + printable(_line, 40) + "\"");
    _remaining = std::stoull(std::string(size), nullptr, 16);
    _step = _remaining == 0 ? Step::Trailer : Step::Data;
}

void ChunkedDecoder::endDataLine()
{
    if (!_line.empty())
        return fail("chunk data longer than its size");
    _step = Step::SizeLine;
}

void ChunkedDecoder::endTrailerLine()
{
    _trailerBytes += _line.size() + 2;
    if (_line.empty())
        _state = State::Complete;
    else if (_trailerBytes > kMaxTrailer)
        fail("a trailer section larger than " + std::to_string(kMaxTrailer) + " bytes");
}

void ChunkedDecoder::fail(const std::string& problem)
{
    _state = State::Malformed;
    _problem = problem;
}

} // namespace AlertGate
