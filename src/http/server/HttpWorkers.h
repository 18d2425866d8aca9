#pragma once

#include <Poco/Net/StreamSocket.h>
#include <Poco/Runnable.h>
#include <Poco/Thread.h>

#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

namespace AlertGate {

/// A fixed number of threads that each serve one request at a time from a queue of connections whose
/// request head has already arrived (the ConnectionGate's hand-off), so no worker ever waits for an
/// idle or slow client to start talking.
class HttpWorkers : public Poco::Runnable
{
public:
    using Serve = std::function<bool(Poco::Net::StreamSocket&)>;
    /// Answers one request; true when the connection stays open for another.
    using KeepAlive = std::function<void(Poco::Net::StreamSocket)>;
    /// Takes a connection back to wait for its next request.

    HttpWorkers(int threads, Serve serve, KeepAlive keepAlive);
    ~HttpWorkers() override;

    void start();
    void stop();
    /// Shuts down the connections being served (their clients see no answer and retry), drops the
    /// queued ones and joins the threads.

    void enqueue(Poco::Net::StreamSocket socket);

    void run() override;

private:
    bool next(Poco::Net::StreamSocket& socket);
    void serve(Poco::Net::StreamSocket& socket);

    Serve _serve;
    KeepAlive _keepAlive;
    std::vector<std::unique_ptr<Poco::Thread>> _threads;
    std::mutex _mutex;
    std::condition_variable _queued;
    std::deque<Poco::Net::StreamSocket> _queue;
    std::map<Poco::Thread*, Poco::Net::StreamSocket> _serving; /// Shut down by stop() to abort them.
    bool _stopping = false;
};

} // namespace AlertGate
