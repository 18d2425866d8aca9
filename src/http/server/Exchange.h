#pragma once

#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/StreamSocket.h>

namespace AlertGate {

bool serveOneRequest(Poco::Net::StreamSocket& socket, Poco::Net::HTTPServerParams::Ptr params,
                     Poco::Net::HTTPRequestHandlerFactory& factory);
/// Reads one request from socket, lets the factory's handler answer it, and returns whether the
/// connection may carry another request (keep-alive agreed and no bytes of a next request read ahead).
/// Does what POCO's HTTPServerConnection does for each request of its loop; the loop itself is left to
/// the caller, so that a connection between two requests waits in the ConnectionGate, not in a worker.
/// A malformed head is answered 400; a connection that closes or times out is simply given up.

} // namespace AlertGate
