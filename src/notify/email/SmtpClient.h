#pragma once

#include "config/Settings.h"
#include "notify/Channel.h"
#include "notify/Connector.h"

#include <Poco/Net/Context.h>
#include <Poco/Net/SMTPClientSession.h>

#include <string>
#include <vector>

namespace AlertGate {

/// One short SMTP session per message (Gmail closes idle ones): connect with a timeout, TLS as
/// configured (STARTTLS on 587, implicit TLS on 465, plain only for a relay without credentials),
/// the server's certificate checked against its host name, AUTH PLAIN or LOGIN only inside TLS,
/// then MAIL, RCPT, DATA, QUIT. 4xx answers and connection trouble are worth a retry; 5xx are not.
class SmtpClient
{
public:
    SmtpClient(const Settings::Email& settings, Poco::Net::Context::Ptr tls, std::string heloName);

    DeliveryResult send(const std::string& rawMessage);

    void abort();
    /// Ends a send() under way at once (name lookup, connect, or any read or write: it returns Retry) and
    /// refuses later ones, so that stopping the daemon never waits for email.timeout. Thread-safe.

private:
    DeliveryResult attempt(const std::string& rawMessage);
    Poco::Net::StreamSocket connect();
    void upgradeToTls(Poco::Net::SMTPClientSession& session, std::string& capabilities);
    void authenticate(Poco::Net::SMTPClientSession& session, const std::string& capabilities);
    void transfer(Poco::Net::SMTPClientSession& session, const std::string& rawMessage);

    const Settings::Email& _settings;
    Poco::Net::Context::Ptr _tls;
    std::string _heloName;
    Connector _connector;
};

std::string addressOf(const std::string& mailbox);
/// "alertgate <a@b.c>" -> "a@b.c"; a bare address as it is.

} // namespace AlertGate
