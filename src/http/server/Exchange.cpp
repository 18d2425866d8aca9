#include "http/server/Exchange.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponseImpl.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Timestamp.h>

#include <memory>

namespace AlertGate {

namespace {

using Poco::Net::HTTPResponse;

// A session lives for one request here, so bytes it read ahead (a pipelined next request) would be
// lost with it: such a connection is closed after its answer instead of being kept alive.
class OneRequestSession : public Poco::Net::HTTPServerSession
{
public:
    using HTTPServerSession::HTTPServerSession;
    bool readAhead() const { return buffered() > 0; }
};

void sendError(Poco::Net::HTTPServerSession& session, HTTPResponse::HTTPStatus status)
{
    Poco::Net::HTTPServerResponseImpl response(session);
    response.setVersion(Poco::Net::HTTPMessage::HTTP_1_1);
    response.setStatusAndReason(status);
    response.setKeepAlive(false);
    response.send();
}

bool answer(OneRequestSession& session, Poco::Net::HTTPServerParams::Ptr params,
            Poco::Net::HTTPRequestHandlerFactory& factory)
{
    Poco::Net::HTTPServerResponseImpl response(session);
    Poco::Net::HTTPServerRequestImpl request(response, session, params.get());
    response.setDate(Poco::Timestamp());
    response.setVersion(request.getVersion());
    response.setKeepAlive(params->getKeepAlive() && request.getKeepAlive());
    if (!params->getSoftwareVersion().empty())
        response.set("Server", params->getSoftwareVersion());
    std::unique_ptr<Poco::Net::HTTPRequestHandler> handler(factory.createRequestHandler(request));
    if (!handler)
    {
        sendError(session, HTTPResponse::HTTP_NOT_IMPLEMENTED);
        return false;
    }
    if (request.getExpectContinue() && response.getStatus() == HTTPResponse::HTTP_OK)
        response.sendContinue();
    handler->handleRequest(request, response);
    return params->getKeepAlive() && response.getKeepAlive() && !session.readAhead();
}

} // namespace

bool serveOneRequest(Poco::Net::StreamSocket& socket, Poco::Net::HTTPServerParams::Ptr params,
                     Poco::Net::HTTPRequestHandlerFactory& factory)
{
    socket.setReceiveTimeout(params->getTimeout());
    socket.setSendTimeout(params->getTimeout());
    OneRequestSession session(socket, params);
    try
    {
        if (!answer(session, params, factory))
            return false;
        // Or the session would close the socket when it goes.
        session.detachSocket();
        return true;
    }
    catch (const Poco::Net::NoMessageException&)
    {
        return false;
    }
    catch (const Poco::Net::MessageException&)
    {
        try
        {
            sendError(session, HTTPResponse::HTTP_BAD_REQUEST);
        }
        catch (const Poco::Exception&)
        {
        }
        return false;
    }
    catch (const Poco::Exception&)
    {
        // The peer went away or stalled past http.request_timeout; there is nobody left to answer.
        return false;
    }
}

} // namespace AlertGate
