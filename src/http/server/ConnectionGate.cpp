#include "http/server/ConnectionGate.h"

#include "http/server/RequestFraming.h"
#include "http/server/RequestHead.h"

#include <Poco/Logger.h>

#include <cerrno>
#include <sys/socket.h>

namespace AlertGate {

namespace {

constexpr auto kIdlePoll = std::chrono::hours(1);
constexpr std::size_t kReadBytes = 64 * 1024;

const std::string kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
const std::string kTimedOutBody =
    "{\"status\":\"error\",\"error\":\"the request did not arrive within http.request_timeout\"}\n";
const std::string kTimedOut = "HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n"
                              "Content-Type: application/json\r\nContent-Length: " +
                              std::to_string(kTimedOutBody.size()) + "\r\n\r\n" + kTimedOutBody;

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
      _readBuffer(kReadBytes), _thread("http-gate")
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

void ConnectionGate::park(Poco::Net::StreamSocket socket, AfterAnswer after)
{
    bool accepted = false;
    {
        std::lock_guard<std::mutex> lock(_mutex);
        accepted = !_stopping;
        if (accepted)
            _returned.emplace_back(socket, after);
    }
    if (accepted)
        wake();
    else
        closeQuietly(socket);
}

void ConnectionGate::served(std::uint64_t bodyBytes)
{
    _servedBytes -= bodyBytes;
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
        for (auto& returned : _returned)
            closeQuietly(returned.first);
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
    admit(socket, _limits.requestTimeout, false);
}

void ConnectionGate::admit(Poco::Net::StreamSocket socket, std::chrono::milliseconds timeout, bool keptAlive)
{
    if (_parked.size() >= _limits.maxParked)
        if (auto oldest = _parked.oldest())
            release(*oldest);
    _pollSet.add(socket, Poco::Net::PollSet::POLL_READ);
    Parked parked;
    parked.socket = socket;
    parked.keptAlive = keptAlive;
    _parked.park(descriptor(socket), std::move(parked), Clock::now() + timeout);
}

// The answer is on its way: the end of sending tells the client so, and what it still sends is read
// and dropped until it closes, the bound is reached or the request deadline passes.
void ConnectionGate::admitDrain(Poco::Net::StreamSocket socket, std::uint64_t bytes)
{
    try
    {
        socket.shutdownSend();
    }
    catch (const Poco::Exception&)
    {
        closeQuietly(socket);
        return;
    }
    admit(socket, _limits.requestTimeout, false);
    Parked* parked = _parked.find(descriptor(socket));
    parked->phase = Phase::Drain;
    parked->remaining = bytes;
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
    std::vector<std::pair<Poco::Net::StreamSocket, AfterAnswer>> returned;
    {
        std::lock_guard<std::mutex> lock(_mutex);
        returned.swap(_returned);
    }
    for (auto& [socket, after] : returned)
    {
        if (after.kind == AfterAnswer::Kind::Drain)
            admitDrain(socket, after.drainBytes);
        else
            admit(socket, _limits.idleTimeout, true);
    }
}

void ConnectionGate::inspect(int fd)
{
    Parked* parked = _parked.find(fd);
    if (!parked)
        return;
    switch (parked->phase)
    {
    case Phase::Head: return inspectHead(fd, *parked);
    case Phase::Body: return receiveBody(fd, *parked);
    case Phase::Drain: return discard(fd, *parked);
    }
}

void ConnectionGate::inspectHead(int fd, Parked& parked)
{
    ssize_t n = ::recv(fd, _peekBuffer.data(), _peekBuffer.size(), MSG_PEEK | MSG_DONTWAIT);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
        return;
    if (n <= 0)
        return release(fd); // Closed or reset before a request.
    auto received = static_cast<std::size_t>(n);
    // A kept-alive connection had its idle timeout so far; from its first byte its request is timed.
    if (parked.keptAlive && parked.received == 0)
        _parked.setDeadline(fd, Clock::now() + _limits.requestTimeout);
    parked.received = received;
    std::string_view seen(_peekBuffer.data(), received);
    switch (requestHeadState(seen, _limits.maxHeadBytes))
    {
    case RequestHead::Complete: return startBody(fd, parked, requestHeadLength(seen));
    case RequestHead::Oversized: return refuseOversized(fd);
    case RequestHead::Incomplete: break;
    }
    setLowWater(parked.socket, received + 1);
}

// Reads the head (only it: what follows is the body, or the next request of a pipelining client) and
// decides from its framing how much body to receive before a worker sees the request.
void ConnectionGate::startBody(int fd, Parked& parked, std::size_t headLength)
{
    ReceivedRequest& request = parked.request;
    request.head.assign(_peekBuffer.data(), headLength);
    ::recv(fd, _peekBuffer.data(), headLength, MSG_DONTWAIT); // Peeked already: all of it is there.
    setLowWater(parked.socket, 1);
    parked.phase = Phase::Body;
    request.framing = framingOf(request.head);
    auto kind = request.framing.kind;
    if (kind == RequestFraming::Kind::Invalid ||
        (kind == RequestFraming::Kind::Length && request.framing.length > _limits.maxBodyBytes))
    {
        request.bodyUnread = true;
        return handOff(fd);
    }
    if (kind == RequestFraming::Kind::None ||
        (kind == RequestFraming::Kind::Length && request.framing.length == 0))
        return handOff(fd);
    if (request.framing.expectContinue)
        ::send(fd, kContinue.data(), kContinue.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
    if (kind == RequestFraming::Kind::Chunked)
        parked.chunked.emplace();
    else
        parked.remaining = request.framing.length;
    receiveBody(fd, parked);
}

void ConnectionGate::receiveBody(int fd, Parked& parked)
{
    std::size_t wanted = _readBuffer.size();
    if (!parked.chunked)
        wanted = static_cast<std::size_t>(std::min<std::uint64_t>(parked.remaining, wanted));
    ssize_t n = ::recv(fd, _readBuffer.data(), wanted, MSG_DONTWAIT);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
        return;
    if (n <= 0)
    {
        // A body cut short is never handed on: nothing of it is stored or answered.
        logger().warning("a client closed its connection %zB into its request body; nothing was stored",
                         parked.request.body.size());
        return release(fd);
    }
    std::string_view bytes(_readBuffer.data(), static_cast<std::size_t>(n));
    if (parked.chunked)
        receiveChunks(fd, parked, bytes);
    else
    {
        parked.request.body.append(bytes);
        parked.remaining -= bytes.size();
        if (parked.remaining == 0)
            return handOff(fd);
    }
    if (Parked* still = _parked.find(fd))
    {
        _bodyBytes += still->request.body.size() - still->counted;
        still->counted = still->request.body.size();
    }
    limitBodyMemory();
}

void ConnectionGate::receiveChunks(int fd, Parked& parked, std::string_view bytes)
{
    ReceivedRequest& request = parked.request;
    std::size_t used = parked.chunked->feed(bytes, request.body);
    switch (parked.chunked->state())
    {
    case ChunkedDecoder::State::Complete: request.closeAfter = used < bytes.size(); return handOff(fd);
    case ChunkedDecoder::State::Malformed:
        request.framing.kind = RequestFraming::Kind::Invalid;
        request.framing.status = 400;
        request.framing.problem = parked.chunked->problem();
        request.bodyUnread = true;
        return handOff(fd);
    case ChunkedDecoder::State::More: break;
    }
    if (request.body.size() > _limits.maxBodyBytes)
    {
        // Enough to know it is too large: the handler refuses it, the rest is drained.
        request.body.resize(_limits.maxBodyBytes + 1);
        request.bodyUnread = true;
        handOff(fd);
    }
}

void ConnectionGate::discard(int fd, Parked& parked)
{
    std::size_t wanted =
        static_cast<std::size_t>(std::min<std::uint64_t>(parked.remaining, _readBuffer.size()));
    ssize_t n = wanted == 0 ? 0 : ::recv(fd, _readBuffer.data(), wanted, MSG_DONTWAIT);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
        return;
    if (n <= 0)
        return release(fd);
    parked.remaining -= static_cast<std::uint64_t>(n);
    if (parked.remaining == 0)
        release(fd);
}

// Bodies under way (being received, queued or served) share bodyMemory; beyond it, the oldest body
// still being received gives way, as parked connections do, so memory stays bounded whatever clients do.
void ConnectionGate::limitBodyMemory()
{
    for (int fd : _parked.ids())
    {
        if (_bodyBytes + _servedBytes.load() <= _limits.bodyMemory)
            return;
        Parked* parked = _parked.find(fd);
        if (parked && parked->phase == Phase::Body && !parked->request.body.empty())
        {
            logger().warning("closed a connection %zB into its request body: bodies being received "
                             "would hold more than %LuB",
                             parked->request.body.size(), static_cast<std::uint64_t>(_limits.bodyMemory));
            release(fd);
        }
    }
}

void ConnectionGate::handOff(int fd)
{
    auto parked = unpark(fd);
    ReceivedRequest request = std::move(parked->request);
    request.socket = parked->socket;
    _servedBytes += request.body.size();
    _handoff(std::move(request));
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

std::optional<ConnectionGate::Parked> ConnectionGate::unpark(int fd)
{
    auto parked = _parked.take(fd);
    if (parked)
    {
        _bodyBytes -= parked->counted;
        _pollSet.remove(parked->socket);
    }
    return parked;
}

void ConnectionGate::release(int fd)
{
    if (auto parked = unpark(fd))
        closeQuietly(parked->socket);
}

void ConnectionGate::closeExpired()
{
    for (int fd : _parked.expired(Clock::now()))
        expire(fd);
}

// A head not complete in time gets no answer (there is no request to answer); a body not complete in
// time, a 408, so that its sender knows why.
void ConnectionGate::expire(int fd)
{
    Parked* parked = _parked.find(fd);
    if (parked && parked->phase == Phase::Body)
    {
        ::send(fd, kTimedOut.data(), kTimedOut.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
        logger().warning("closed a connection whose request was not complete within http.request_timeout "
                         "(%zB of its body received); nothing was stored",
                         parked->request.body.size());
    }
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
