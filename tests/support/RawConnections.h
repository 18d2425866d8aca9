#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace AlertGate::Test {

/// Plain TCP connections to a server on 127.0.0.1 that the test drives byte by byte: idle clients
/// that never send, or a head sent in pieces. Closed when the object goes.
class RawConnections
{
public:
    RawConnections(std::uint16_t port, std::size_t count);
    /// Opens count connections; throws when one cannot be opened.
    ~RawConnections();
    RawConnections(const RawConnections&) = delete;
    RawConnections& operator=(const RawConnections&) = delete;

    std::size_t size() const { return _fds.size(); }

    bool send(std::size_t index, const std::string& bytes);
    /// False when the server closed or reset that connection.
    void finishSending(std::size_t index);
    /// Half-closes that connection: the server reads its end, the answer can still come back.
    bool closedByServer(std::size_t index, int waitMs = 0);
    /// True once the server closed (EOF) or reset that connection; waits up to waitMs for it.
    /// Bytes the server sent before closing (e.g. an error answer) are read and kept.
    std::size_t countClosedByServer();
    /// How many of the connections the server has closed so far (none is waited for).
    const std::string& received(std::size_t index) const { return _received[index]; }

private:
    std::vector<int> _fds;
    std::vector<std::string> _received;
};

} // namespace AlertGate::Test
