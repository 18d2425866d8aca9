#include "http/server/HttpWorkers.h"

#include <Poco/Logger.h>

namespace AlertGate {

HttpWorkers::HttpWorkers(int threads, Serve serve, Return giveBack)
    : _serve(std::move(serve)), _giveBack(std::move(giveBack))
{
    for (int i = 0; i < threads; ++i)
        _threads.push_back(std::make_unique<Poco::Thread>("http-" + std::to_string(i)));
}

HttpWorkers::~HttpWorkers()
{
    stop();
}

void HttpWorkers::start()
{
    for (auto& thread : _threads)
        thread->start(*this);
}

void HttpWorkers::stop()
{
    {
        std::lock_guard<std::mutex> lock(_mutex);
        _stopping = true;
        _queue.clear();
        for (auto& [thread, socket] : _serving)
        {
            try
            {
                socket.shutdown();
            }
            catch (const Poco::Exception&)
            {
                // Already closed by its peer: nothing to abort.
            }
        }
    }
    _queued.notify_all();
    for (auto& thread : _threads)
        if (thread->isRunning())
            thread->join();
}

void HttpWorkers::enqueue(ReceivedRequest request)
{
    {
        std::lock_guard<std::mutex> lock(_mutex);
        if (_stopping)
            return;
        _queue.push_back(std::move(request));
    }
    _queued.notify_one();
}

bool HttpWorkers::next(ReceivedRequest& request)
{
    std::unique_lock<std::mutex> lock(_mutex);
    _serving.erase(Poco::Thread::current());
    _queued.wait(lock, [this] { return _stopping || !_queue.empty(); });
    if (_stopping)
        return false;
    request = std::move(_queue.front());
    _queue.pop_front();
    _serving[Poco::Thread::current()] = request.socket;
    return true;
}

void HttpWorkers::run()
{
    ReceivedRequest request;
    while (next(request))
        serve(request);
}

void HttpWorkers::serve(ReceivedRequest& request)
{
    AfterAnswer after;
    try
    {
        after = _serve(request);
    }
    catch (const std::exception& e)
    {
        Poco::Logger::get("http").error("closing a connection after an unexpected error: %s",
                                        std::string(e.what()));
    }
    if (after.kind == AfterAnswer::Kind::Close)
        request.socket.close();
    else
        _giveBack(request.socket, after);
    request = ReceivedRequest(); // The body can be large: not kept until the next request.
}

} // namespace AlertGate
