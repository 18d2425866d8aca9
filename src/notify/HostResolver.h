#pragma once

#include <Poco/Net/SocketAddress.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

namespace AlertGate {

/// Name lookups with a deadline. The system resolver (getaddrinfo, under POCO's SocketAddress) takes no
/// timeout and can block for as long as its name servers do; here it runs on a thread of its own and
/// the caller waits at most its timeout, or until abort(). A lookup that outlives its caller finishes
/// on its own (its thread holds what it writes to); until it has, the next resolve() fails at once
/// instead of starting another, so a hanging resolver costs one thread, not one per attempt.
class HostResolver
{
public:
    using Lookup = std::function<Poco::Net::SocketAddress(const std::string& host, std::uint16_t port)>;

    explicit HostResolver(Lookup lookup = systemLookup);

    Poco::Net::SocketAddress resolve(const std::string& host, std::uint16_t port,
                                     std::chrono::milliseconds timeout);
    /// Throws Poco::TimeoutException when the lookup did not finish within timeout, Poco::Exception
    /// (the lookup's own) when it failed, and after abort().

    void abort();
    /// Wakes a resolve() under way and refuses every later one (the daemon is stopping). Thread-safe.

    static Poco::Net::SocketAddress systemLookup(const std::string& host, std::uint16_t port);

private:
    struct Pending
    {
        bool finished = false;
        std::unique_ptr<Poco::Net::SocketAddress> address;
        std::unique_ptr<Poco::Exception> error;
    };
    /// Shared with lookup threads, which may outlive this object.
    struct Shared
    {
        std::mutex mutex; /// Guards everything here and in the Pending lookups.
        std::condition_variable changed;
        std::shared_ptr<Pending> pending; /// The last lookup started.
        bool aborted = false;
    };

    Lookup _lookup;
    std::shared_ptr<Shared> _shared = std::make_shared<Shared>();
};

} // namespace AlertGate
