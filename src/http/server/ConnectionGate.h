#pragma once

#include "http/server/ChunkedDecoder.h"
#include "http/server/ParkingLot.h"
#include "http/server/ReceivedRequest.h"

#include <Poco/Net/DatagramSocket.h>
#include <Poco/Net/PollSet.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Runnable.h>
#include <Poco/Thread.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

namespace AlertGate {

/// Accepts connections and keeps them parked, without a thread each, until their whole request (head
/// and body) has arrived; only then hands them to a worker. Idle clients, slow-loris clients (a head one
/// byte at a time) and tricklers (a body one byte at a time) thus hold no worker, and a client that
/// talks normally is served at once however many of them are connected. A parked connection is closed
/// when its request is not complete by its deadline, the oldest one gives way when maxParked are parked
/// and another arrives, and the oldest body under way gives way when bodies would take more memory than
/// bodyMemory. After a refusal the gate also drains what the client still sends, up to a bound, so that
/// the client reads the answer rather than a reset.
class ConnectionGate : public Poco::Runnable
{
public:
    struct Limits
    {
        std::size_t maxParked = 256;
        std::chrono::milliseconds requestTimeout{10000}; /// From accept, or from a kept-alive connection's
                                                         /// first byte, to the whole request received.
        std::chrono::milliseconds idleTimeout{15000}; /// A kept-alive connection's wait for its next request.
        std::size_t maxHeadBytes = 64 * 1024;         /// Larger heads are answered 431 and closed.
        std::uint64_t maxBodyBytes = 1024 * 1024;   /// Larger bodies are not read (the handler refuses them).
        std::uint64_t bodyMemory = 4 * 1024 * 1024; /// Bytes of all bodies being received together.
    };
    using Handoff = std::function<void(ReceivedRequest)>;

    ConnectionGate(const Poco::Net::ServerSocket& listener, const Limits& limits, Handoff handoff);
    ~ConnectionGate() override;

    void start();
    void stop();
    /// Stops accepting, closes every parked connection and joins the thread.

    void park(Poco::Net::StreamSocket socket, AfterAnswer after);
    /// Takes back a connection after its answer: kept alive, to wait for its next request, or to be
    /// drained and closed. Thread-safe.

    void served(std::uint64_t bodyBytes);
    /// A request handed off with a body of bodyBytes was answered: its memory is free again. Thread-safe.

    Poco::Net::SocketAddress address() const;

    void run() override;

private:
    using Clock = std::chrono::steady_clock;
    enum class Phase
    {
        Head, /// Waiting for the empty line that ends the head (peeked, not read).
        Body, /// Head read; receiving the body.
        Drain /// Answered with a refusal; discarding what still comes.
    };
    struct Parked
    {
        Poco::Net::StreamSocket socket;
        Phase phase = Phase::Head;
        std::size_t received = 0;    /// Head: bytes seen so far.
        bool keptAlive = false;      /// Back after an answer, waiting for its next request.
        std::uint64_t remaining = 0; /// Body by Content-Length: bytes to come; Drain: bytes still to discard.
        std::optional<ChunkedDecoder> chunked;
        std::uint64_t counted = 0; /// Bytes of the body counted in _bodyBytes.
        ReceivedRequest request;
    };

    bool stopping();
    void wake();
    void pollOnce();
    void accept();
    void admit(Poco::Net::StreamSocket socket, std::chrono::milliseconds timeout, bool keptAlive);
    void admitDrain(Poco::Net::StreamSocket socket, std::uint64_t bytes);
    void admitReturned();
    void inspect(int fd);
    void inspectHead(int fd, Parked& parked);
    void startBody(int fd, Parked& parked, std::size_t headLength);
    void receiveBody(int fd, Parked& parked);
    void receiveChunks(int fd, Parked& parked, std::string_view bytes);
    void discard(int fd, Parked& parked);
    void limitBodyMemory();
    void handOff(int fd);
    void refuseOversized(int fd);
    std::optional<Parked> unpark(int fd);
    void release(int fd);
    void closeExpired();
    void expire(int fd);
    Poco::Timespan untilNextDeadline() const;

    Poco::Net::ServerSocket _listener;
    Limits _limits;
    Handoff _handoff;
    Poco::Net::PollSet _pollSet;
    ParkingLot<Parked> _parked;
    std::vector<char> _peekBuffer;
    std::vector<char> _readBuffer;
    std::uint64_t _bodyBytes = 0;               /// Held by the bodies of parked connections.
    std::atomic<std::uint64_t> _servedBytes{0}; /// Held by bodies handed off and not yet answered.
    Poco::Net::DatagramSocket _wakeReceiver;    /// A datagram to it ends the current poll.
    Poco::Net::DatagramSocket _wakeSender;

    std::mutex _mutex;
    std::vector<std::pair<Poco::Net::StreamSocket, AfterAnswer>> _returned; /// Not yet parked again.
    bool _stopping = false;
    Poco::Thread _thread;
};

} // namespace AlertGate
