#include "SlowLorisClient.h"

namespace AlertGate::Test {

namespace {

// Long enough that the head never completes while a test runs.
std::string endlessHead()
{
    return "POST /api/v1/alertmanager HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
           "application/json\r\nX-Slow: " +
           std::string(1 << 20, 's');
}

} // namespace

SlowLorisClient::SlowLorisClient(std::uint16_t port, std::chrono::milliseconds interval, std::string request)
    : _connection(port, 1), _interval(interval),
      _request(request.empty() ? endlessHead() : std::move(request)), _thread([this] { run(); })
{
}

SlowLorisClient::~SlowLorisClient()
{
    {
        std::lock_guard<std::mutex> lock(_mutex);
        _stopping = true;
    }
    _changed.notify_all();
    _thread.join();
}

void SlowLorisClient::run()
{
    const std::string& head = _request;
    std::unique_lock<std::mutex> lock(_mutex);
    for (std::size_t next = 0; !_stopping && !_closed && next < head.size(); ++next)
    {
        // One byte never blocks, so the lock that guards what was received may stay held.
        bool sent = _connection.send(0, head.substr(next, 1)) && !_connection.closedByServer(0);
        _closed = !sent;
        _sent += sent ? 1 : 0;
        _changed.notify_all();
        _changed.wait_for(lock, _interval, [this] { return _stopping; });
    }
}

std::size_t SlowLorisClient::bytesSent() const
{
    std::lock_guard<std::mutex> lock(_mutex);
    return _sent;
}

bool SlowLorisClient::waitUntilClosed(int timeoutMs)
{
    std::unique_lock<std::mutex> lock(_mutex);
    return _changed.wait_for(lock, std::chrono::milliseconds(timeoutMs), [this] { return _closed; });
}

void SlowLorisClient::slowDown(std::chrono::milliseconds interval)
{
    std::lock_guard<std::mutex> lock(_mutex);
    _interval = interval;
}

bool SlowLorisClient::closed() const
{
    std::lock_guard<std::mutex> lock(_mutex);
    return _closed;
}

std::string SlowLorisClient::received()
{
    std::lock_guard<std::mutex> lock(_mutex);
    return _connection.received(0);
}

} // namespace AlertGate::Test
