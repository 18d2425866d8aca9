#pragma once

#include "FakeProcess.h"
#include "TempDir.h"

#include <Poco/String.h>

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace AlertGate::Test {

class TestCertificates;

/// A real Slack Incoming Webhooks server on 127.0.0.1 (tests/fakes/slack_server.py): HTTPS with the test
/// certificates, or plain HTTP without them; answers any path from a script, then 200 "ok" as Slack does,
/// and records every request. Stopped (SIGTERM) when the object goes.
class FakeSlackServer
{
public:
    /// One request as the server received it.
    struct Request
    {
        std::string method;
        std::string path;
        std::map<std::string, std::string, Poco::CILess> headers; /// Names compare case-insensitively.
        std::string body;
        double at = 0; /// When it arrived, in seconds on the server's monotonic clock.
    };

    /// Which of the test certificates an HTTPS server presents.
    enum class Certificate
    {
        Trusted,  /// certFile()/keyFile(), signed by the test CA.
        Untrusted /// untrustedCertFile()/untrustedKeyFile(), signed by a CA no client trusts.
    };

    explicit FakeSlackServer(const std::string& scriptJson = "[]",
                             const TestCertificates* certificates = nullptr, std::uint16_t port = 0,
                             Certificate certificate = Certificate::Trusted);
    /// scriptJson: a JSON array of answers used one per request in order, each
    ///   {"status": 200, "body": "ok", "headers": {"Retry-After": "2"}, "delay_ms": 0, "drop": false}
    /// (all keys optional; "drop": true closes the connection without answering). Slack's own errors
    /// are e.g. 400 invalid_payload, 403 invalid_token, 404 no_service, 410 channel_is_archived,
    /// 429 rate_limited with Retry-After, 500 internal_error.
    /// certificates: serve HTTPS with the one of them that certificate names; null serves plain HTTP.
    /// Waits (20 s at most) until it listens; throws std::runtime_error with its stderr otherwise.
    ~FakeSlackServer();
    FakeSlackServer(const FakeSlackServer&) = delete;
    FakeSlackServer& operator=(const FakeSlackServer&) = delete;

    std::uint16_t port() const { return _port; }

    std::string url(const std::string& path) const;
    /// "https://localhost:<port><path>" ("http://..." without certificates); the host name is localhost so
    /// that the test certificate's name matches.

    std::vector<Request> requests() const;
    /// Every request received so far, oldest first (recorded on arrival, before it is answered).
    bool waitForRequests(std::size_t count, int timeoutMs) const;
    /// True once at least count requests arrived; false at the timeout.

    std::string log() const;
    /// What the server wrote on stderr so far (e.g. failed TLS handshakes), for failure messages.

private:
    TempDir _dir;
    bool _tls;
    std::unique_ptr<FakeProcess> _process;
    std::uint16_t _port = 0;
};

} // namespace AlertGate::Test
