#include "http/server/ServerRequest.h"

#include <sstream>

namespace AlertGate {

ServerRequest::ServerRequest(const std::string& head, const std::string& body,
                             Poco::Net::HTTPServerResponse& response,
                             const Poco::Net::HTTPServerParams& params,
                             const Poco::Net::SocketAddress& client, const Poco::Net::SocketAddress& server)
    : _body(body.data(), body.size()), _response(response), _params(params), _client(client), _server(server)
{
    std::istringstream in(head);
    read(in);
}

} // namespace AlertGate
