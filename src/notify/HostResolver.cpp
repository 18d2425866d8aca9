#include "notify/HostResolver.h"

#include <Poco/Exception.h>

#include <thread>

namespace AlertGate {

HostResolver::HostResolver(Lookup lookup) : _lookup(std::move(lookup)) {}

Poco::Net::SocketAddress HostResolver::systemLookup(const std::string& host, std::uint16_t port)
{
    return Poco::Net::SocketAddress(host, port);
}

Poco::Net::SocketAddress HostResolver::resolve(const std::string& host, std::uint16_t port,
                                               std::chrono::milliseconds timeout)
{
    std::shared_ptr<Shared> shared = _shared;
    std::unique_lock<std::mutex> lock(shared->mutex);
    if (shared->aborted)
        throw Poco::IllegalStateException("stopping: no name lookup of " + host);
    if (shared->pending && !shared->pending->finished)
        throw Poco::TimeoutException("the previous lookup of " + host + " has not finished yet");
    auto pending = std::make_shared<Pending>();
    shared->pending = pending;
    // Detached on purpose: the system resolver cannot be interrupted. The thread holds only the
    // shared state it reports to, so it may finish after this object is gone.
    std::thread([shared, pending, lookup = _lookup, host, port] {
        std::unique_ptr<Poco::Net::SocketAddress> address;
        std::unique_ptr<Poco::Exception> error;
        try
        {
            address = std::make_unique<Poco::Net::SocketAddress>(lookup(host, port));
        }
        catch (const Poco::Exception& e)
        {
            error.reset(e.clone());
        }
        catch (const std::exception& e)
        {
            error = std::make_unique<Poco::Exception>(e.what());
        }
        {
            std::lock_guard<std::mutex> done(shared->mutex);
            pending->address = std::move(address);
            pending->error = std::move(error);
            pending->finished = true;
        }
        shared->changed.notify_all();
    }).detach();
    if (!shared->changed.wait_for(lock, timeout, [&] { return pending->finished || shared->aborted; }))
        throw Poco::TimeoutException("no address for " + host + " within the channel timeout");
    if (!pending->finished)
        throw Poco::IllegalStateException("stopping: no name lookup of " + host);
    if (pending->error)
        pending->error->rethrow();
    return *pending->address;
}

void HostResolver::abort()
{
    {
        std::lock_guard<std::mutex> lock(_shared->mutex);
        _shared->aborted = true;
    }
    _shared->changed.notify_all();
}

} // namespace AlertGate
