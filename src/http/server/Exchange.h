#pragma once

#include "http/server/ReceivedRequest.h"

#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>

namespace AlertGate {

AfterAnswer serveOneRequest(ReceivedRequest& request, Poco::Net::HTTPServerParams::Ptr params,
                            Poco::Net::HTTPRequestHandlerFactory& factory, std::uint64_t drainBytes);
/// Lets the factory's handler answer a request the gate has received, and says what becomes of the
/// connection: kept alive when both sides agree and nothing of the request is left unread; otherwise
/// drained (up to drainBytes, what the client still sends is read and dropped) and closed, so that the
/// client reads the answer rather than a reset; closed at once when the answer could not be sent. A request
/// whose framing is invalid is answered here (400, or 501 for a transfer coding), with a body and a log line,
/// and never reaches a handler. Does what POCO's HTTPServerConnection does for each request of its loop; the
/// loop itself is left to the gate, so that a connection between two requests waits there, not in a worker.

} // namespace AlertGate
