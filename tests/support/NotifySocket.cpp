#include "NotifySocket.h"

#include <chrono>
#include <cstring>
#include <poll.h>
#include <stdexcept>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace AlertGate::Test {

NotifySocket::NotifySocket(const std::string& path)
    : _path(path), _fd(::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0))
{
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (_fd < 0 || path.size() >= sizeof address.sun_path)
        throw std::runtime_error("cannot make " + path);
    std::strcpy(address.sun_path, path.c_str());
    if (::bind(_fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0)
        throw std::runtime_error("cannot bind " + path + ": " + std::strerror(errno));
}

NotifySocket::~NotifySocket()
{
    ::close(_fd);
    ::unlink(_path.c_str());
}

bool NotifySocket::waitFor(const std::string& state, int timeoutMs)
{
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    for (;;)
    {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline -
                                                                          std::chrono::steady_clock::now());
        pollfd ready{_fd, POLLIN, 0};
        if (left.count() <= 0 || ::poll(&ready, 1, static_cast<int>(left.count())) <= 0)
            return false;
        char buffer[4096];
        ssize_t n = ::recv(_fd, buffer, sizeof buffer, 0);
        if (n > 0 && std::string(buffer, static_cast<std::size_t>(n)).find(state) != std::string::npos)
            return true;
    }
}

} // namespace AlertGate::Test
