#pragma once

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>

namespace AlertGate {

constexpr int kListenBacklog = 1024;
/// Connections the kernel holds for the gateway until the connection gate accepts them (capped by
/// net.core.somaxconn, 4096 on current kernels).

Poco::Net::ServerSocket listenOn(const Poco::Net::SocketAddress& address);
/// A socket bound to address (reusing it, so a restart need not wait for TIME_WAIT) and listening with
/// kListenBacklog. A burst of connections (a flood of idle clients, Alertmanager and its peers at once)
/// then waits in the kernel while the gate accepts them one by one; beyond the backlog the kernel drops
/// the SYN, and each client dropped waits for its retransmission (1 s, then 3 s, 7 s...).

} // namespace AlertGate
