#include "http/server/HttpWorkers.h"

#include <Poco/Logger.h>

namespace AlertGate {

HttpWorkers::HttpWorkers(int threads, Serve serve, KeepAlive keepAlive)
    : _serve(std::move(serve)), _keepAlive(std::move(keepAlive))
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

void HttpWorkers::enqueue(Poco::Net::StreamSocket socket)
{
    {
        std::lock_guard<std::mutex> lock(_mutex);
        if (_stopping)
            return;
        _queue.push_back(std::move(socket));
    }
    _queued.notify_one();
}

bool HttpWorkers::next(Poco::Net::StreamSocket& socket)
{
    std::unique_lock<std::mutex> lock(_mutex);
    _serving.erase(Poco::Thread::current());
    _queued.wait(lock, [this] { return _stopping || !_queue.empty(); });
    if (_stopping)
        return false;
    socket = std::move(_queue.front());
    _queue.pop_front();
    _serving[Poco::Thread::current()] = socket;
    return true;
}

void HttpWorkers::run()
{
    Poco::Net::StreamSocket socket;
    while (next(socket))
        serve(socket);
}

void HttpWorkers::serve(Poco::Net::StreamSocket& socket)
{
    bool keepOpen = false;
    try
    {
        keepOpen = _serve(socket);
    }
    catch (const std::exception& e)
    {
        Poco::Logger::get("http").error("closing a connection after an unexpected error: %s",
                                        std::string(e.what()));
    }
    if (keepOpen)
        _keepAlive(socket);
    else
        socket.close();
    socket = Poco::Net::StreamSocket();
}

} // namespace AlertGate
