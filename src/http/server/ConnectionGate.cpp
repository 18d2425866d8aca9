#include "http/server/ConnectionGate.h"

#include "http/server/RequestHead.h"

#include <Poco/Logger.h>

#include <cerrno>
#include <sys/socket.h>

namespace AlertGate {

namespace {

constexpr auto kIdlePoll = std::chrono::hours(1);

Poco::Logger& logger()
{
    return Poco::Logger::get("http");
}

int descriptor(const Poco::Net::Socket& socket)
{
    return static_cast<int>(socket.impl()->sockfd());
}

// The kernel then reports the socket readable only once more than what was already seen has arrived,
// so a head that trickles in wakes the gate once per new byte instead of on every poll.
void setLowWater(const Poco::Net::StreamSocket& socket, std::size_t bytes)
{
    int value = static_cast<int>(bytes);
    ::setsockopt(descriptor(socket), SOL_SOCKET, SO_RCVLOWAT, &value, sizeof value);
}

void closeQuietly(Poco::Net::Socket& socket)
{
    try
    {
        socket.close();
    }
    catch (const Poco::Exception&)
    {
        // Closing what the peer already reset: nothing left to release.
    }
}

} // namespace

ConnectionGate::ConnectionGate(const Poco::Net::ServerSocket& listener, const Limits& limits, Handoff handoff)
    : _listener(listener), _limits(limits), _handoff(std::move(handoff)), _peekBuffer(limits.maxHeadBytes),
      _thread("http-gate")
{
    _listener.setBlocking(false);
    _wakeSender.bind(Poco::Net::SocketAddress("127.0.0.1", 0));
    _wakeReceiver.bind(Poco::Net::SocketAddress("127.0.0.1", 0));
    _wakeReceiver.connect(_wakeSender.address()); // Takes datagrams from the sender only.
    _wakeSender.connect(_wakeReceiver.address());
    _wakeReceiver.setBlocking(false);
    _pollSet.add(_listener, Poco::Net::PollSet::POLL_READ);
    _pollSet.add(_wakeReceiver, Poco::Net::PollSet::POLL_READ);
}

ConnectionGate::~ConnectionGate()
{
    stop();
}

void ConnectionGate::start()
{
    _thread.start(*this);
}

void ConnectionGate::stop()
{
    {
        std::lock_guard<std::mutex> lock(_mutex);
        _stopping = true;
    }
    wake();
    if (_thread.isRunning())
        _thread.join();
}

void ConnectionGate::wake()
{
    try
    {
        _wakeSender.sendBytes("w", 1);
    }
    catch (const Poco::Exception& e)
    {
        logger().error("cannot wake the connection gate: %s", e.displayText());
    }
}

void ConnectionGate::park(Poco::Net::StreamSocket socket)
{
    bool accepted = false;
    {
        std::lock_guard<std::mutex> lock(_mutex);
        accepted = !_stopping;
        if (accepted)
            _returned.push_back(socket);
    }
    if (accepted)
        wake();
    else
        closeQuietly(socket);
}

Poco::Net::SocketAddress ConnectionGate::address() const
{
    return _listener.address();
}

bool ConnectionGate::stopping()
{
    std::lock_guard<std::mutex> lock(_mutex);
    return _stopping;
}

void ConnectionGate::run()
{
    while (!stopping())
        pollOnce();
    for (int fd : _parked.ids())
        release(fd);
    {
        std::lock_guard<std::mutex> lock(_mutex);
        for (auto& socket : _returned)
            closeQuietly(socket);
        _returned.clear();
    }
    _pollSet.clear();
    closeQuietly(_listener);
}

void ConnectionGate::pollOnce()
{
    for (const auto& [socket, mode] : _pollSet.poll(untilNextDeadline()))
    {
        if (socket == _listener)
            accept();
        else if (socket == _wakeReceiver)
            admitReturned();
        else
            inspect(descriptor(socket));
    }
    closeExpired();
}

void ConnectionGate::accept()
{
    Poco::Net::StreamSocket socket;
    try
    {
        socket = _listener.acceptConnection();
    }
    catch (const Poco::Exception& e)
    {
        // Out of descriptors, most likely: the oldest parked connection gives one back.
        logger().warning("cannot accept a connection: %s", e.displayText());
        if (auto oldest = _parked.oldest())
            release(*oldest);
        return;
    }
    socket.setBlocking(true);
    socket.setNoDelay(true);
    admit(socket, _limits.headTimeout, false);
}

void ConnectionGate::admit(Poco::Net::StreamSocket socket, std::chrono::milliseconds timeout, bool keptAlive)
{
    if (_parked.size() >= _limits.maxParked)
        if (auto oldest = _parked.oldest())
            release(*oldest);
    _pollSet.add(socket, Poco::Net::PollSet::POLL_READ);
    _parked.park(descriptor(socket), Parked{socket, 0, keptAlive}, Clock::now() + timeout);
}

void ConnectionGate::admitReturned()
{
    char drain[64];
    try
    {
        while (_wakeReceiver.receiveBytes(drain, sizeof drain) > 0)
        {
        }
    }
    catch (const Poco::Exception&)
    {
        // EWOULDBLOCK: every wake-up datagram is read.
    }
    std::vector<Poco::Net::StreamSocket> returned;
    {
        std::lock_guard<std::mutex> lock(_mutex);
        returned.swap(_returned);
    }
    for (auto& socket : returned)
        admit(socket, _limits.idleTimeout, true);
}

void ConnectionGate::inspect(int fd)
{
    Parked* parked = _parked.find(fd);
    if (!parked)
        return;
    ssize_t n = ::recv(fd, _peekBuffer.data(), _peekBuffer.size(), MSG_PEEK | MSG_DONTWAIT);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
        return;
    if (n <= 0)
        return release(fd); // Closed or reset before a request.
    auto received = static_cast<std::size_t>(n);
    switch (requestHeadState(std::string_view(_peekBuffer.data(), received), _limits.maxHeadBytes))
    {
    case RequestHead::Complete: return handOff(fd);
    case RequestHead::Oversized: return refuseOversized(fd);
    case RequestHead::Incomplete: break;
    }
    // A kept-alive connection had its idle timeout so far; from its first byte its head is timed.
    if (parked->keptAlive && parked->received == 0)
        _parked.setDeadline(fd, Clock::now() + _limits.headTimeout);
    parked->received = received;
    setLowWater(parked->socket, received + 1);
}

void ConnectionGate::handOff(int fd)
{
    auto parked = _parked.take(fd);
    _pollSet.remove(parked->socket);
    setLowWater(parked->socket, 1);
    _handoff(parked->socket);
}

// Answered from here, without a worker: a head this large is refused before anyone reads it.
void ConnectionGate::refuseOversized(int fd)
{
    static const std::string answer = "HTTP/1.1 431 Request Header Fields Too Large\r\n"
                                      "Connection: close\r\nContent-Length: 0\r\n\r\n";
    ::send(fd, answer.data(), answer.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
    logger().warning("closed a connection whose request head exceeded %z bytes", _limits.maxHeadBytes);
    release(fd);
}

void ConnectionGate::release(int fd)
{
    auto parked = _parked.take(fd);
    if (!parked)
        return;
    _pollSet.remove(parked->socket);
    closeQuietly(parked->socket);
}

void ConnectionGate::closeExpired()
{
    for (int fd : _parked.expired(Clock::now()))
        release(fd);
}

Poco::Timespan ConnectionGate::untilNextDeadline() const
{
    auto next = _parked.nextDeadline();
    auto wait = next ? *next - Clock::now() : Clock::duration(kIdlePoll);
    auto micros = std::chrono::duration_cast<std::chrono::microseconds>(wait).count();
    return Poco::Timespan(std::max<std::int64_t>(micros, 0) + 1000);
}

} // namespace AlertGate
