#include "http/server/RequestFraming.h"

#include "core/Printable.h"

#include <Poco/String.h>
#include <Poco/StringTokenizer.h>

#include <Poco/Net/NetException.h>

#include <algorithm>
#include <cctype>
#include <sstream>
#include <vector>

namespace AlertGate {

namespace {

constexpr std::size_t kMaxLengthDigits = 18; // Below 2^63: the length fits every integer it meets.

std::vector<std::string> valuesOf(const Poco::Net::HTTPRequest& head, const std::string& name)
{
    std::vector<std::string> values;
    for (const auto& [field, value] : head)
        if (Poco::icompare(field, name) == 0)
            values.push_back(Poco::trim(value));
    return values;
}

RequestFraming invalid(int status, const std::string& problem)
{
    RequestFraming framing;
    framing.kind = RequestFraming::Kind::Invalid;
    framing.status = status;
    framing.problem = problem;
    return framing;
}

bool allDigits(const std::string& text)
{
    return !text.empty() &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

RequestFraming byLength(const std::vector<std::string>& lengths)
{
    if (lengths.size() > 1)
        return invalid(400, "more than one Content-Length header field");
    const std::string& value = lengths.front();
    if (!allDigits(value) || value.size() > kMaxLengthDigits)
        return invalid(400, "malformed Content-Length \"" + printable(value, 40) + "\" (digits only)");
    RequestFraming framing;
    framing.kind = RequestFraming::Kind::Length;
    framing.length = std::stoull(value);
    return framing;
}

RequestFraming byTransferCoding(const std::vector<std::string>& fields)
{
    std::vector<std::string> codings;
    for (const auto& field : fields)
    {
        Poco::StringTokenizer tokens(
            field, ",", Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
        for (const auto& token : tokens)
            codings.push_back(Poco::toLower(token));
    }
    if (codings.empty() || codings.back() != "chunked")
        return invalid(400, "Transfer-Encoding does not end with chunked");
    if (codings.size() > 1)
        return invalid(501, "Transfer-Encoding \"" +
                                printable(Poco::cat(std::string(", "), codings.begin(), codings.end()), 60) +
                                "\" is not supported; only chunked is");
    RequestFraming framing;
    framing.kind = RequestFraming::Kind::Chunked;
    return framing;
}

} // namespace

RequestFraming framingOf(const Poco::Net::HTTPRequest& head)
{
    std::vector<std::string> lengths = valuesOf(head, "Content-Length");
    std::vector<std::string> codings = valuesOf(head, "Transfer-Encoding");
    if (!codings.empty() && !lengths.empty())
        return invalid(400, "both Content-Length and Transfer-Encoding");
    if (!codings.empty() && head.getVersion() != Poco::Net::HTTPMessage::HTTP_1_1)
        return invalid(400, "Transfer-Encoding in an " + printable(head.getVersion(), 20) + " request");
    if (!codings.empty())
        return byTransferCoding(codings);
    if (!lengths.empty())
        return byLength(lengths);
    return RequestFraming();
}

RequestFraming framingOf(const std::string& head)
{
    Poco::Net::HTTPRequest request;
    try
    {
        std::istringstream in(head);
        request.read(in);
    }
    catch (const Poco::Exception& e)
    {
        return invalid(400, "malformed request head: " + printable(e.displayText(), 100));
    }
    RequestFraming framing = framingOf(request);
    framing.expectContinue = framing.kind != RequestFraming::Kind::Invalid && request.getExpectContinue();
    return framing;
}

} // namespace AlertGate
