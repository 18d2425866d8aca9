#pragma once

#include <Poco/Net/Context.h>

#include <string>

namespace AlertGate {

/// TLS client settings for every outgoing connection: the server's certificate and host name are
/// always verified, TLS 1.2 at least.
class TlsContext
{
public:
    static void initialize();
    /// Once per process, before the first TLS connection: sets up OpenSSL and makes certificate
    /// failures reject the connection. (POCO's default handler would prompt on stdin.)

    static Poco::Net::Context::Ptr client(const std::string& caFile);
    /// Trusts the system CA store, or only caFile when given (a private CA, or a test's).
};

} // namespace AlertGate
