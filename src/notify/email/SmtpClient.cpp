#include "notify/email/SmtpClient.h"

#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/String.h>

#include <sstream>

namespace AlertGate {

namespace {

using Poco::Net::SMTPClientSession;

// POCO's SecureSMTPClientSession knows the server's host name (for SNI and certificate checks) only
// when it connects by itself, without a timeout; this one takes a connected socket and the name.
class Session : public SMTPClientSession
{
public:
    using SMTPClientSession::SMTPClientSession;

    void switchToTls(const std::string& host, const Poco::Net::Context::Ptr& tls)
    {
        socket() = Poco::Net::SecureStreamSocket::attach(socket(), host, tls);
    }

    void setSendTimeout(const Poco::Timespan& timeout) { socket().setSendTimeout(timeout); }
};

// An SMTP answer that is not what the protocol step needs; code is the reply code.
class SmtpRefusal : public std::runtime_error
{
public:
    SmtpRefusal(int code, const std::string& what) : std::runtime_error(what), _code(code) {}
    int code() const { return _code; }

private:
    int _code;
};

void expect(int status, int wanted, const std::string& step, const std::string& response)
{
    if (status != wanted)
        throw SmtpRefusal(status, step + ": " + Poco::trim(response));
}

bool offers(const std::string& capabilities, const std::string& keyword)
{
    std::istringstream lines(Poco::toUpper(capabilities));
    std::string line;
    while (std::getline(lines, line))
        if (line.size() > 4 && line.compare(4, keyword.size(), keyword) == 0)
            return true;
    return false;
}

DeliveryResult classify(int code, const std::string& what)
{
    std::string detail = "SMTP " + what;
    if (code == 535)
        detail += " (the user name or password was refused; a Gmail app password stops working when the "
                  "account password changes or 2-Step Verification is turned off)";
    if (code >= 500)
        return DeliveryResult::dead(detail);
    return DeliveryResult::retry(detail);
}

} // namespace

std::string addressOf(const std::string& mailbox)
{
    auto open = mailbox.rfind('<');
    auto close = mailbox.rfind('>');
    if (open != std::string::npos && close != std::string::npos && close > open)
        return mailbox.substr(open + 1, close - open - 1);
    return Poco::trim(mailbox);
}

SmtpClient::SmtpClient(const Settings::Email& settings, Poco::Net::Context::Ptr tls, std::string heloName)
    : _settings(settings), _tls(std::move(tls)), _heloName(std::move(heloName))
{
}

// Each step is bounded by email.timeout and ends at once on abort() (Connector).
Poco::Net::StreamSocket SmtpClient::connect()
{
    Poco::Net::StreamSocket socket = _connector.connect(_settings.smtpHost, _settings.port(),
                                                        std::chrono::milliseconds(_settings.timeoutMs));
    if (_settings.security == "tls")
        return Poco::Net::SecureStreamSocket::attach(socket, _settings.smtpHost, _tls);
    return socket;
}

void SmtpClient::abort()
{
    _connector.abort();
}

void SmtpClient::upgradeToTls(SMTPClientSession& session, std::string& capabilities)
{
    if (!offers(capabilities, "STARTTLS"))
        throw SmtpRefusal(
            421, "the server does not offer STARTTLS; nothing (no password, no mail) is sent in clear");
    std::string response;
    expect(session.sendCommand("STARTTLS", response), 220, "STARTTLS", response);
    static_cast<Session&>(session).switchToTls(_settings.smtpHost, _tls);
    expect(session.sendCommand("EHLO", _heloName, capabilities), 250, "EHLO", capabilities);
}

void SmtpClient::authenticate(SMTPClientSession& session, const std::string& capabilities)
{
    if (_settings.username.empty())
        return;
    auto method =
        offers(capabilities, "AUTH") && Poco::toUpper(capabilities).find("PLAIN") != std::string::npos
            ? SMTPClientSession::AUTH_PLAIN
            : SMTPClientSession::AUTH_LOGIN;
    session.login(_heloName, method, _settings.username, _settings.password);
}

void SmtpClient::transfer(SMTPClientSession& session, const std::string& rawMessage)
{
    SMTPClientSession::Recipients recipients;
    for (const auto& to : _settings.to)
        recipients.push_back(addressOf(to));
    session.sendAddresses(_settings.from, recipients);
    session.sendData();
    std::istringstream message(rawMessage);
    session.sendMessage(message);
}

DeliveryResult SmtpClient::send(const std::string& rawMessage)
{
    DeliveryResult result = attempt(rawMessage);
    // Whatever the ended session answered last (an EOF looks like a refusal): it was our doing.
    if (_connector.aborted() && result.outcome != DeliveryResult::Outcome::Delivered)
        return DeliveryResult::retry("stopping: the attempt to reach " + _settings.smtpHost + " was ended");
    return result;
}

DeliveryResult SmtpClient::attempt(const std::string& rawMessage)
{
    try
    {
        Connector::Release tracked(_connector);
        Session session(connect());
        Poco::Timespan timeout(_settings.timeoutMs * 1000);
        session.setTimeout(timeout);
        session.setSendTimeout(timeout);
        session.open();
        std::string capabilities;
        expect(session.sendCommand("EHLO", _heloName, capabilities), 250, "EHLO", capabilities);
        if (_settings.security == "starttls")
            upgradeToTls(session, capabilities);
        authenticate(session, capabilities);
        transfer(session, rawMessage);
        session.close();
        return DeliveryResult::delivered("SMTP 250 accepted by " + _settings.smtpHost);
    }
    catch (const SmtpRefusal& e)
    {
        return classify(e.code(), e.what());
    }
    catch (const Poco::Net::SMTPException& e)
    {
        return classify(e.code(), e.displayText());
    }
    catch (const Poco::Net::SSLException& e)
    {
        return DeliveryResult::retry("TLS with " + _settings.smtpHost + " failed: " + e.displayText());
    }
    catch (const Poco::Exception& e)
    {
        return DeliveryResult::retry("cannot reach " + _settings.smtpHost + ": " + e.displayText());
    }
}

} // namespace AlertGate
