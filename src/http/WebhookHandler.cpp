#include "http/WebhookHandler.h"

#include "core/PayloadError.h"
#include "core/PayloadParser.h"
#include "core/Printable.h"
#include "http/Responses.h"
#include "http/server/RequestBody.h"
#include "store/NotificationWriter.h"

#include <Poco/Logger.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/MediaType.h>
#include <Poco/StreamCopier.h>
#include <Poco/String.h>

#include <chrono>
#include <sstream>

namespace AlertGate {

namespace {

using Poco::Net::HTTPResponse;

Poco::Logger& logger()
{
    return Poco::Logger::get("webhook");
}

Metrics::Rejection rejectionFor(PayloadError::Kind kind)
{
    switch (kind)
    {
    case PayloadError::Kind::Encoding: return Metrics::Rejection::InvalidEncoding;
    case PayloadError::Kind::Syntax: return Metrics::Rejection::InvalidJson;
    case PayloadError::Kind::Version: return Metrics::Rejection::UnsupportedVersion;
    default: return Metrics::Rejection::InvalidField;
    }
}

bool isJsonContentType(const std::string& contentType)
{
    if (contentType.empty())
        return false;
    try
    {
        Poco::Net::MediaType type(contentType);
        return type.matches("application", "json");
    }
    catch (const Poco::Exception&)
    {
        return false;
    }
}

} // namespace

WebhookHandler::WebhookHandler(ServerContext& context) : _context(context) {}

void WebhookHandler::handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response)
{
    auto body = readBody(request, response);
    if (!body)
        return;
    try
    {
        store(PayloadParser::parse(*body), response);
    }
    catch (const PayloadError& e)
    {
        reject(response, rejectionFor(e.kind()), HTTPResponse::HTTP_BAD_REQUEST, e.what());
    }
}

std::optional<std::string> WebhookHandler::readBody(Poco::Net::HTTPServerRequest& request,
                                                    Poco::Net::HTTPServerResponse& response)
{
    if (!isJsonContentType(request.getContentType()))
    {
        reject(response, Metrics::Rejection::UnsupportedMediaType, HTTPResponse::HTTP_UNSUPPORTEDMEDIATYPE,
               "Content-Type must be application/json, not \"" + printable(request.getContentType(), 60) +
                   "\"");
        return std::nullopt;
    }
    std::string coding = Poco::trim(request.get("Content-Encoding", ""));
    if (!coding.empty() && Poco::icompare(coding, "identity") != 0)
    {
        // Alertmanager never compresses (DisableCompression); a proxy that does must be told plainly.
        response.set("Accept-Encoding", "identity");
        reject(response, Metrics::Rejection::UnsupportedMediaType, HTTPResponse::HTTP_UNSUPPORTEDMEDIATYPE,
               "Content-Encoding \"" + printable(coding, 40) +
                   "\" is not supported; send the body uncompressed");
        return std::nullopt;
    }
    std::uint64_t limit = _context.settings.http.maxBodyBytes;
    bool declaredTooLarge =
        request.hasContentLength() && request.getContentLength64() > static_cast<Poco::Int64>(limit);
    std::string body = declaredTooLarge ? std::string() : readAtMost(request.stream(), limit);
    if (declaredTooLarge || body.size() > limit)
    {
        reject(response, Metrics::Rejection::PayloadTooLarge, HTTPResponse::HTTP_REQUEST_ENTITY_TOO_LARGE,
               "body larger than http.max_body_size (" + std::to_string(limit) + " bytes)");
        return std::nullopt;
    }
    return body;
}

void WebhookHandler::store(Notification notification, Poco::Net::HTTPServerResponse& response)
{
    std::size_t alerts = notification.alerts.size();
    std::string groupKey = notification.groupKey;
    auto future = _context.writer.submit(std::move(notification));
    if (future.wait_for(std::chrono::milliseconds(_context.settings.store.commitTimeoutMs)) !=
        std::future_status::ready)
        return unavailable(response, "the store did not commit within store.commit_timeout");
    NotificationWriter::Outcome outcome = future.get();
    if (!outcome.stored)
        return unavailable(response, outcome.error);
    _context.metrics.countReceived(Metrics::Received::Accepted);
    logger().information("stored notification %Ld: group %s, %z alerts, %d changes", outcome.notificationId,
                         printable(groupKey), alerts, outcome.changes);
    std::ostringstream json;
    json << "{\"status\":\"stored\",\"notificationId\":" << outcome.notificationId
         << ",\"changes\":" << outcome.changes << "}\n";
    sendJson(response, HTTPResponse::HTTP_OK, json.str());
}

void WebhookHandler::reject(Poco::Net::HTTPServerResponse& response, Metrics::Rejection reason,
                            HTTPResponse::HTTPStatus status, const std::string& message)
{
    _context.metrics.countReceived(Metrics::Received::Rejected);
    _context.metrics.countRejection(reason);
    logger().warning("rejected a notification (%d): %s", static_cast<int>(status), printable(message, 200));
    sendError(response, status, message);
}

void WebhookHandler::unavailable(Poco::Net::HTTPServerResponse& response, const std::string& why)
{
    _context.metrics.countReceived(Metrics::Received::Unavailable);
    logger().warning("answered 503, Alertmanager will retry: %s", printable(why, 300));
    response.set("Retry-After", "5");
    sendError(response, HTTPResponse::HTTP_SERVICE_UNAVAILABLE,
              "the history store cannot write now; retry later");
}

} // namespace AlertGate
