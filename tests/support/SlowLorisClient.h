#pragma once

#include "RawConnections.h"

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

namespace AlertGate::Test {

/// A slow-loris client: one connection that sends a request head one byte per interval and never
/// finishes it, on a thread of its own, until the server closes the connection or the object goes.
/// Given a request, it trickles that instead (e.g. a complete head, then a body byte by byte).
class SlowLorisClient
{
public:
    SlowLorisClient(std::uint16_t port, std::chrono::milliseconds interval, std::string request = "");
    /// request: the bytes to trickle; empty for a head that never ends.
    ~SlowLorisClient();
    SlowLorisClient(const SlowLorisClient&) = delete;
    SlowLorisClient& operator=(const SlowLorisClient&) = delete;

    std::size_t bytesSent() const;
    bool waitUntilClosed(int timeoutMs);
    void slowDown(std::chrono::milliseconds interval);
    /// From now on, one byte per interval.
    bool closed() const;
    /// Whether the server closed the connection, as of now.
    /// True once the server closed the connection (a send failed or it read EOF).
    std::string received();
    /// What the server sent before closing: nothing, for a head that never completed.

private:
    void run();

    RawConnections _connection;
    std::chrono::milliseconds _interval;
    std::string _request;
    mutable std::mutex _mutex;
    std::condition_variable _changed;
    std::size_t _sent = 0;
    bool _closed = false;
    bool _stopping = false;
    std::thread _thread;
};

} // namespace AlertGate::Test
