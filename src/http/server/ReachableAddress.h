#pragma once

#include <Poco/Net/SocketAddress.h>

namespace AlertGate {

Poco::Net::SocketAddress reachableAddress(const Poco::Net::SocketAddress& bound);
/// Where a client on this machine reaches a server bound to `bound`: a wildcard address (0.0.0.0,
/// ::) becomes the loopback address of the same family.

} // namespace AlertGate
