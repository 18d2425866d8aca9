#pragma once

#include "notify/HostResolver.h"

#include <Poco/Net/StreamSocket.h>

#include <chrono>
#include <mutex>
#include <string>

namespace AlertGate {

/// Opens a channel's TCP connections so that stopping the daemon never waits for a channel's timeout:
/// abort() ends any step under way at once (the name lookup, the connect, a TLS handshake, any read or
/// write) and refuses every later connection. A connection is tracked from before its connect until
/// release(), through a descriptor of its own: POCO closes a session's socket when a step fails, and
/// abort() must never shut down a descriptor number that another thread has been given meanwhile.
/// One connection at a time; abort() may come from any thread.
class Connector
{
public:
    Connector() = default;
    ~Connector();
    Connector(const Connector&) = delete;
    Connector& operator=(const Connector&) = delete;

    Poco::Net::StreamSocket connect(const std::string& host, std::uint16_t port,
                                    std::chrono::milliseconds timeout);
    /// Resolved and connected within timeout each, with timeout for every later read and write.
    /// Throws Poco::Exception (Poco::IllegalStateException after abort()).

    void release();
    /// Forgets the connection: until then it stays open, whoever else closed it. Idempotent.

    void abort();

    bool aborted() const;

    /// Releases on leaving its scope.
    class Release
    {
    public:
        explicit Release(Connector& connector) : _connector(connector) {}
        ~Release() { _connector.release(); }
        Release(const Release&) = delete;
        Release& operator=(const Release&) = delete;

    private:
        Connector& _connector;
    };

private:
    void track(const Poco::Net::StreamSocket& socket);

    HostResolver _resolver;
    mutable std::mutex _mutex; /// Guards _tracked and _aborted.
    int _tracked = -1;         /// A duplicate of the connection's descriptor: abort() shuts it down.
    bool _aborted = false;
};

} // namespace AlertGate
