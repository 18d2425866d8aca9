#include "notify/Connector.h"

#include <Poco/Exception.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace AlertGate {

// Shutting the socket down also wakes a connect under way.
Poco::Net::StreamSocket Connector::connect(const std::string& host, std::uint16_t port,
                                           std::chrono::milliseconds timeout)
{
    Poco::Net::SocketAddress address = _resolver.resolve(host, port, timeout);
    Poco::Timespan limit(static_cast<Poco::Timespan::TimeDiff>(timeout.count()) * 1000);
    Poco::Net::StreamSocket socket(address.family());
    track(socket);
    socket.connect(address, limit);
    socket.setReceiveTimeout(limit);
    socket.setSendTimeout(limit);
    return socket;
}

Connector::~Connector()
{
    release();
}

void Connector::track(const Poco::Net::StreamSocket& socket)
{
    std::lock_guard<std::mutex> lock(_mutex);
    if (_aborted)
        throw Poco::IllegalStateException("stopping: no connection opened");
    int duplicate = ::fcntl(static_cast<int>(socket.impl()->sockfd()), F_DUPFD_CLOEXEC, 0);
    if (duplicate < 0)
        throw Poco::IOException("cannot track the connection", std::strerror(errno));
    if (_tracked >= 0)
        ::close(_tracked);
    _tracked = duplicate;
}

void Connector::release()
{
    std::lock_guard<std::mutex> lock(_mutex);
    if (_tracked >= 0)
        ::close(_tracked);
    _tracked = -1;
}

// A shutdown acts on the connection, whichever of its descriptors names it.
void Connector::abort()
{
    _resolver.abort();
    std::lock_guard<std::mutex> lock(_mutex);
    _aborted = true;
    if (_tracked >= 0)
        ::shutdown(_tracked, SHUT_RDWR);
}

bool Connector::aborted() const
{
    std::lock_guard<std::mutex> lock(_mutex);
    return _aborted;
}

} // namespace AlertGate
