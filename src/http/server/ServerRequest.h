#pragma once

#include <Poco/MemoryStream.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <string>

namespace AlertGate {

/// A request whose head and body the connection gate has already received: the head is parsed from
/// its bytes and the body is read from memory, so a handler never waits for the client (POCO's
/// HTTPServerRequestImpl reads both from the socket).
class ServerRequest : public Poco::Net::HTTPServerRequest
{
public:
    ServerRequest(const std::string& head, const std::string& body, Poco::Net::HTTPServerResponse& response,
                  const Poco::Net::HTTPServerParams& params, const Poco::Net::SocketAddress& client,
                  const Poco::Net::SocketAddress& server);
    /// Throws Poco::Net::MessageException when head is not a request head.

    std::istream& stream() override { return _body; }
    const Poco::Net::SocketAddress& clientAddress() const override { return _client; }
    const Poco::Net::SocketAddress& serverAddress() const override { return _server; }
    const Poco::Net::HTTPServerParams& serverParams() const override { return _params; }
    Poco::Net::HTTPServerResponse& response() const override { return _response; }
    bool secure() const override { return false; }

private:
    Poco::MemoryInputStream _body; /// Reads the caller's string in place: a large body is not copied.
    Poco::Net::HTTPServerResponse& _response;
    const Poco::Net::HTTPServerParams& _params;
    Poco::Net::SocketAddress _client;
    Poco::Net::SocketAddress _server;
};

} // namespace AlertGate
