#pragma once

#include "FakeProcess.h"
#include "TempDir.h"
#include "TestCertificates.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace AlertGate::Test {

/// A real SMTP server on 127.0.0.1 that behaves like smtp.gmail.com (tests/fakes/smtp_server.py, on
/// Debian's python3-aiosmtpd), with its own maildir; stopped (SIGTERM) when the object goes.
class FakeSmtpServer
{
public:
    enum class Mode
    {
        StartTls,    /// Plain connection offering STARTTLS, required before anything else (Gmail's 587).
        ImplicitTls, /// TLS from the first byte (Gmail's 465).
        Plain        /// No TLS and no STARTTLS at all; AUTH is never offered.
    };

    struct Options
    {
        Mode mode = Mode::StartTls;
        std::string certFile; /// Server certificate and key (PEM); needed unless mode is Plain.
        std::string keyFile;
        std::string user;     /// When set, AUTH PLAIN and LOGIN are offered (over TLS) and required before
        std::string password; /// MAIL; other credentials get "535-5.7.8 Username and Password not accepted".
        std::string failData; /// "" or "CODE:COUNT": the first COUNT DATA commands get CODE (e.g. "451:1").
        std::uint16_t port = 0; /// 0: chosen by the kernel.
    };

    /// One message the server accepted, as stored in its maildir.
    struct Message
    {
        std::string raw;                  /// The exact DATA bytes (dot-unstuffed), CRLF line ends as sent.
        std::string mailFrom;             /// MAIL FROM address.
        std::vector<std::string> rcptTos; /// RCPT TO addresses, in order.
        std::string authUser;             /// The AUTH user name, "" if the session did not authenticate.
        std::string file;                 /// The .eml file holding raw (for parseMail()).
    };

    /// A server with the test CA's certificate in the given mode, requiring AUTH when user is set.
    static Options tlsOptions(const TestCertificates& certificates, Mode mode = Mode::StartTls,
                              const std::string& user = "", const std::string& password = "");

    explicit FakeSmtpServer(const Options& options);
    /// Starts the server and waits (20 s at most) until it listens; throws std::runtime_error with its
    /// stderr otherwise.
    ~FakeSmtpServer();
    FakeSmtpServer(const FakeSmtpServer&) = delete;
    FakeSmtpServer& operator=(const FakeSmtpServer&) = delete;

    std::uint16_t port() const { return _port; }

    std::vector<Message> messages() const;
    /// The accepted messages, oldest first.
    bool waitForMessages(std::size_t count, int timeoutMs) const;
    /// True once at least count messages were accepted; false at the timeout.

    std::string commandsLog() const;
    /// Every command line clients sent, one per line as sent (AUTH lines and their base64 continuation
    /// lines included, message content excluded), with a line "TLS" where a connection became encrypted.

    std::string log() const;
    /// What the server wrote on stderr so far, for failure messages.

private:
    TempDir _dir;
    std::string _maildir;
    std::unique_ptr<FakeProcess> _process;
    std::uint16_t _port = 0;
};

} // namespace AlertGate::Test
