#pragma once

#include "http/server/ParkingLot.h"

#include <Poco/Net/DatagramSocket.h>
#include <Poco/Net/PollSet.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Runnable.h>
#include <Poco/Thread.h>

#include <chrono>
#include <cstddef>
#include <functional>
#include <mutex>
#include <vector>

namespace AlertGate {

/// Accepts connections and keeps them parked, without a thread each, until their whole request head
/// has arrived; only then hands them to a worker. Idle clients and slow-loris clients (a head one byte
/// at a time) thus hold no worker, and a client that talks normally is served at once however many of
/// them are connected. A parked connection is closed when its head is not complete by its deadline,
/// and the oldest one gives way when maxParked are parked and another arrives.
class ConnectionGate : public Poco::Runnable
{
public:
    struct Limits
    {
        std::size_t maxParked = 256;
        std::chrono::milliseconds headTimeout{10000}; /// From accept, or from a kept-alive
                                                      /// connection's first byte, to a complete head.
        std::chrono::milliseconds idleTimeout{15000}; /// A kept-alive connection's wait for its next request.
        std::size_t maxHeadBytes = 64 * 1024;         /// Larger heads are answered 431 and closed.
    };
    using Handoff = std::function<void(Poco::Net::StreamSocket)>;

    ConnectionGate(const Poco::Net::ServerSocket& listener, const Limits& limits, Handoff handoff);
    ~ConnectionGate() override;

    void start();
    void stop();
    /// Stops accepting, closes every parked connection and joins the thread.

    void park(Poco::Net::StreamSocket socket);
    /// Takes back a kept-alive connection after its answer, to wait for its next request. Thread-safe.

    Poco::Net::SocketAddress address() const;

    void run() override;

private:
    using Clock = std::chrono::steady_clock;
    struct Parked
    {
        Poco::Net::StreamSocket socket;
        std::size_t received = 0; /// Bytes of the head seen so far.
        bool keptAlive = false;   /// Back after an answer, waiting for its next request.
    };

    bool stopping();
    void wake();
    void pollOnce();
    void accept();
    void admit(Poco::Net::StreamSocket socket, std::chrono::milliseconds timeout, bool keptAlive);
    void admitReturned();
    void inspect(int fd);
    void handOff(int fd);
    void refuseOversized(int fd);
    void release(int fd);
    void closeExpired();
    Poco::Timespan untilNextDeadline() const;

    Poco::Net::ServerSocket _listener;
    Limits _limits;
    Handoff _handoff;
    Poco::Net::PollSet _pollSet;
    ParkingLot<Parked> _parked;
    std::vector<char> _peekBuffer;
    Poco::Net::DatagramSocket _wakeReceiver; /// A datagram to it ends the current poll.
    Poco::Net::DatagramSocket _wakeSender;

    std::mutex _mutex;
    std::vector<Poco::Net::StreamSocket> _returned; /// Kept-alive connections not yet parked.
    bool _stopping = false;
    Poco::Thread _thread;
};

} // namespace AlertGate
