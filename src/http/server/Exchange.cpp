#include "http/server/Exchange.h"

#include "core/Printable.h"
#include "http/server/ErrorBody.h"
#include "http/server/ServerRequest.h"

#include <Poco/Logger.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerResponseImpl.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Timestamp.h>

#include <memory>

namespace AlertGate {

namespace {

using Poco::Net::HTTPResponse;

Poco::Logger& logger()
{
    return Poco::Logger::get("http");
}

Poco::Net::SocketAddress peerOf(const Poco::Net::StreamSocket& socket)
{
    try
    {
        return socket.peerAddress();
    }
    catch (const Poco::Exception&)
    {
        return Poco::Net::SocketAddress(); // Already gone: the answer will find nobody either.
    }
}

void sendRefusal(Poco::Net::HTTPServerSession& session, HTTPResponse::HTTPStatus status,
                 const std::string& reason)
{
    const std::string json = errorBody(reason);
    Poco::Net::HTTPServerResponseImpl response(session);
    response.setVersion(Poco::Net::HTTPMessage::HTTP_1_1);
    response.setStatusAndReason(status);
    response.setKeepAlive(false);
    response.setContentType("application/json");
    response.setContentLength64(static_cast<Poco::Int64>(json.size()));
    response.send() << json;
}

AfterAnswer drain(std::uint64_t bytes)
{
    AfterAnswer after;
    after.kind = AfterAnswer::Kind::Drain;
    after.drainBytes = bytes;
    return after;
}

// Invalid framing: the body's end cannot be known, so the connection ends after the answer.
AfterAnswer refuseFraming(Poco::Net::HTTPServerSession& session, const ReceivedRequest& request,
                          std::uint64_t drainBytes)
{
    const RequestFraming& framing = request.framing;
    logger().warning("refused a request from %s (%d): %s", peerOf(request.socket).toString(), framing.status,
                     framing.problem);
    sendRefusal(session, static_cast<HTTPResponse::HTTPStatus>(framing.status), framing.problem);
    return drain(drainBytes);
}

AfterAnswer answer(Poco::Net::HTTPServerSession& session, ReceivedRequest& received,
                   Poco::Net::HTTPServerParams::Ptr params, Poco::Net::HTTPRequestHandlerFactory& factory,
                   std::uint64_t drainBytes)
{
    Poco::Net::HTTPServerResponseImpl response(session);
    ServerRequest request(received.head, received.body, response, *params, peerOf(received.socket),
                          received.socket.address());
    bool keepAlive =
        params->getKeepAlive() && request.getKeepAlive() && !received.bodyUnread && !received.closeAfter;
    response.setDate(Poco::Timestamp());
    response.setVersion(request.getVersion());
    response.setKeepAlive(keepAlive);
    if (!params->getSoftwareVersion().empty())
        response.set("Server", params->getSoftwareVersion());
    std::unique_ptr<Poco::Net::HTTPRequestHandler> handler(factory.createRequestHandler(request));
    if (!handler)
    {
        sendRefusal(session, HTTPResponse::HTTP_NOT_IMPLEMENTED, "no handler");
        return drain(drainBytes);
    }
    handler->handleRequest(request, response);
    if (received.bodyUnread)
        return drain(received.framing.kind == RequestFraming::Kind::Length
                         ? std::min(received.framing.length, drainBytes)
                         : drainBytes);
    if (keepAlive && response.getKeepAlive())
        return AfterAnswer{AfterAnswer::Kind::KeepAlive, 0};
    // Closing with a pipelined request unread would reset the connection, and the client could lose
    // this answer: the gate drains what follows (refused by this answer's Connection: close).
    return drain(drainBytes);
}

} // namespace

AfterAnswer serveOneRequest(ReceivedRequest& request, Poco::Net::HTTPServerParams::Ptr params,
                            Poco::Net::HTTPRequestHandlerFactory& factory, std::uint64_t drainBytes)
{
    // The request is in memory; only the answer goes over the socket, within the request timeout.
    request.socket.setSendTimeout(params->getTimeout());
    Poco::Net::HTTPServerSession session(request.socket, params);
    AfterAnswer after;
    try
    {
        if (request.framing.kind == RequestFraming::Kind::Invalid)
            after = refuseFraming(session, request, drainBytes);
        else
            after = answer(session, request, params, factory, drainBytes);
    }
    catch (const Poco::Exception& e)
    {
        // The peer went away or stopped reading its answer; there is nobody left to answer.
        logger().information("gave up a connection from %s: %s", peerOf(request.socket).toString(),
                             e.displayText());
        after = AfterAnswer();
    }
    // Or the session would close the socket when it goes: the gate or the worker decides that.
    session.detachSocket();
    return after;
}

} // namespace AlertGate
