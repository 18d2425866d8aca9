#include "http/server/ReachableAddress.h"

namespace AlertGate {

Poco::Net::SocketAddress reachableAddress(const Poco::Net::SocketAddress& bound)
{
    if (!bound.host().isWildcard())
        return bound;
    auto loopback = bound.family() == Poco::Net::AddressFamily::IPv6 ? "::1" : "127.0.0.1";
    return Poco::Net::SocketAddress(loopback, bound.port());
}

} // namespace AlertGate
