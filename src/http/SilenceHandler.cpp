#include "http/SilenceHandler.h"

#include "core/Printable.h"
#include "core/Rfc3339.h"
#include "core/Utf8.h"
#include "core/ValueError.h"
#include "http/Responses.h"
#include "http/server/RequestBody.h"
#include "signal/silence/Silencer.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Logger.h>
#include <Poco/Net/HTTPServerRequest.h>

#include <sstream>
#include <stdexcept>

namespace AlertGate {

namespace {

using Poco::Net::HTTPResponse;

// Who silenced and why are shown to people and kept for good: bounded, valid UTF-8, one line for "by".
std::string field(const Poco::JSON::Object& body, const std::string& name, std::size_t maxBytes,
                  const std::string& fallback)
{
    if (!body.has(name))
        return fallback;
    Poco::Dynamic::Var value = body.get(name);
    if (!value.isString())
        throw ValueError("\"" + name + "\" must be a string");
    std::string text = value.extract<std::string>();
    if (text.size() > maxBytes)
        throw ValueError("\"" + name + "\" is longer than " + std::to_string(maxBytes) + " bytes");
    if (!isValidUtf8(text))
        throw ValueError("\"" + name + "\" is not valid UTF-8");
    return text;
}

Poco::JSON::Object::Ptr jsonObject(const std::string& body)
{
    try
    {
        auto parsed = Poco::JSON::Parser().parse(body);
        if (parsed.type() == typeid(Poco::JSON::Object::Ptr))
            return parsed.extract<Poco::JSON::Object::Ptr>();
    }
    catch (const Poco::Exception&)
    {
    }
    throw ValueError("the body must be empty or a JSON object such as {\"by\": \"alice\"}");
}

std::string json(const SilenceRecord& silence)
{
    Poco::JSON::Object record;
    record.set("id", silence.id);
    record.set("at", Rfc3339::formatMicros(silence.atMicros));
    record.set("by", silence.by);
    record.set("via", silence.via);
    record.set("comment", silence.comment);
    Poco::JSON::Object answer;
    answer.set("status", "silenced");
    answer.set("silence", record);
    std::ostringstream out;
    answer.stringify(out);
    out << '\n';
    return out.str();
}

} // namespace

SilenceHandler::SilenceHandler(ServerContext& context) : _context(context) {}

SilenceHandler::Request SilenceHandler::parse(const std::string& body)
{
    Request request;
    if (body.find_first_not_of(" \t\r\n") == std::string::npos)
        return request;
    auto object = jsonObject(body);
    request.by = field(*object, "by", 128, request.by);
    if (request.by.empty() || request.by.find_first_of("\r\n") != std::string::npos)
        throw ValueError("\"by\" must be one non-empty line");
    request.comment = field(*object, "comment", 1024, request.comment);
    request.via = field(*object, "via", 16, request.via);
    if (request.via != "api" && request.via != "cli")
        throw ValueError("\"via\" must be api or cli");
    return request;
}

void SilenceHandler::handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response)
{
    constexpr std::uint64_t limit = 8192;
    // A POST with neither Content-Length nor chunked encoding has no body (RFC 9112 6.3); POCO would
    // read it until the connection closes, i.e. hang until the request timeout.
    bool hasBody = request.hasContentLength() || request.getChunkedTransferEncoding();
    std::string body = hasBody ? readAtMost(request.stream(), limit) : std::string();
    if (body.size() > limit)
        return sendError(response, HTTPResponse::HTTP_REQUEST_ENTITY_TOO_LARGE,
                         "body larger than 8192 bytes");
    Request silence;
    try
    {
        silence = parse(body);
    }
    catch (const ValueError& e)
    {
        return sendError(response, HTTPResponse::HTTP_BAD_REQUEST, e.what());
    }
    SilenceRecord given = _context.silencer.give(silence.by, silence.via, silence.comment);
    Poco::Logger::get("buzzer").notice("Silenced by %s via %s", printable(given.by, 128), given.via);
    sendJson(response, HTTPResponse::HTTP_OK, json(given));
}

} // namespace AlertGate
