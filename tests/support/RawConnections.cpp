#include "RawConnections.h"

#include <arpa/inet.h>
#include <cerrno>
#include <netinet/in.h>
#include <poll.h>
#include <stdexcept>
#include <string>
#include <sys/socket.h>
#include <unistd.h>

namespace AlertGate::Test {

namespace {

int connectTo(std::uint16_t port)
{
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        throw std::runtime_error("socket: " + std::to_string(errno));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0)
    {
        int error = errno;
        ::close(fd);
        throw std::runtime_error("connect to 127.0.0.1:" + std::to_string(port) + ": " +
                                 std::to_string(error));
    }
    return fd;
}

} // namespace

RawConnections::RawConnections(std::uint16_t port, std::size_t count) : _received(count)
{
    try
    {
        for (std::size_t i = 0; i < count; ++i)
            _fds.push_back(connectTo(port));
    }
    catch (...)
    {
        for (int fd : _fds)
            ::close(fd);
        throw;
    }
}

RawConnections::~RawConnections()
{
    for (int fd : _fds)
        if (fd >= 0)
            ::close(fd);
}

bool RawConnections::send(std::size_t index, const std::string& bytes)
{
    return ::send(_fds[index], bytes.data(), bytes.size(), MSG_NOSIGNAL) ==
           static_cast<ssize_t>(bytes.size());
}

void RawConnections::finishSending(std::size_t index)
{
    ::shutdown(_fds[index], SHUT_WR);
}

bool RawConnections::closedByServer(std::size_t index, int waitMs)
{
    pollfd readable{_fds[index], POLLIN, 0};
    while (::poll(&readable, 1, waitMs) > 0)
    {
        char buffer[4096];
        ssize_t n = ::recv(_fds[index], buffer, sizeof buffer, MSG_DONTWAIT);
        if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR))
            return true;
        if (n > 0)
            _received[index].append(buffer, static_cast<std::size_t>(n));
    }
    return false;
}

std::size_t RawConnections::countClosedByServer()
{
    std::size_t closed = 0;
    for (std::size_t i = 0; i < _fds.size(); ++i)
        if (closedByServer(i))
            ++closed;
    return closed;
}

} // namespace AlertGate::Test
