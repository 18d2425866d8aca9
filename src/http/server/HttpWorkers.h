#pragma once

#include "http/server/ReceivedRequest.h"

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

/// A fixed number of threads that each serve one request at a time from a queue of requests that have
/// already arrived whole (the ConnectionGate's hand-off), so no worker ever waits for an idle or slow
/// client.
class HttpWorkers : public Poco::Runnable
{
public:
    using Serve = std::function<AfterAnswer(ReceivedRequest&)>;
    /// Answers one request and says what becomes of its connection.
    using Return = std::function<void(Poco::Net::StreamSocket, AfterAnswer)>;
    /// Takes a connection back, to wait for its next request or to be drained.

    HttpWorkers(int threads, Serve serve, Return giveBack);
    ~HttpWorkers() override;

    void start();
    void stop();
    /// Shuts down the connections being served (their clients see no answer and retry), drops the
    /// queued ones and joins the threads.

    void enqueue(ReceivedRequest request);

    void run() override;

private:
    bool next(ReceivedRequest& request);
    void serve(ReceivedRequest& request);

    Serve _serve;
    Return _giveBack;
    std::vector<std::unique_ptr<Poco::Thread>> _threads;
    std::mutex _mutex;
    std::condition_variable _queued;
    std::deque<ReceivedRequest> _queue;
    std::map<Poco::Thread*, Poco::Net::StreamSocket> _serving; /// Shut down by stop() to abort them.
    bool _stopping = false;
};

} // namespace AlertGate
