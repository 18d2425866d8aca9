#pragma once

#include <string>

namespace AlertGate::Test {

/// The listening end of systemd's notification protocol: an AF_UNIX datagram socket, as systemd
/// passes in NOTIFY_SOCKET, so a test sees exactly what the daemon tells the service manager.
class NotifySocket
{
public:
    explicit NotifySocket(const std::string& path);
    ~NotifySocket();
    NotifySocket(const NotifySocket&) = delete;
    NotifySocket& operator=(const NotifySocket&) = delete;

    const std::string& path() const { return _path; }

    bool waitFor(const std::string& state, int timeoutMs);
    /// Reads datagrams until one contains state (e.g. "READY=1"); false at the timeout.

private:
    std::string _path;
    int _fd;
};

} // namespace AlertGate::Test
