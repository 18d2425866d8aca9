#include "http/server/Listener.h"

namespace AlertGate {

Poco::Net::ServerSocket listenOn(const Poco::Net::SocketAddress& address)
{
    Poco::Net::ServerSocket socket;
    socket.bind(address, true);
    socket.listen(kListenBacklog);
    return socket;
}

} // namespace AlertGate
