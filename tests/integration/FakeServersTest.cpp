#include "Contains.h"
#include "FakeSlackServer.h"
#include "FakeSmtpServer.h"
#include "MailParser.h"
#include "TempDir.h"
#include "TestCertificates.h"

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/MailMessage.h>
#include <Poco/Net/MailRecipient.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/RejectCertificateHandler.h>
#include <Poco/Net/SMTPClientSession.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureSMTPClientSession.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <cppunit/extensions/HelperMacros.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <sstream>
#include <stdexcept>

namespace AlertGate::Test {

namespace {

const std::string USER = "alertgate@example.com";
const std::string PASSWORD = "app-password-1234";
const std::string USER_BASE64 = "YWxlcnRnYXRlQGV4YW1wbGUuY29t"; // base64("alertgate@example.com")
const std::string PASSWORD_BASE64 = "YXBwLXBhc3N3b3JkLTEyMzQ="; // base64("app-password-1234")
const Poco::Timespan TIMEOUT(10, 0);

std::vector<std::string> lines(const std::string& text)
{
    std::vector<std::string> result;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        result.push_back(line);
    return result;
}

void sendTestMessage(Poco::Net::SMTPClientSession& session, const std::string& subject)
{
    Poco::Net::MailMessage message;
    message.setSender("AlertGate <" + USER + ">");
    message.addRecipient(
        Poco::Net::MailRecipient(Poco::Net::MailRecipient::PRIMARY_RECIPIENT, "ops@example.com"));
    message.addRecipient(
        Poco::Net::MailRecipient(Poco::Net::MailRecipient::CC_RECIPIENT, "oncall@example.com"));
    message.setSubject(subject);
    message.setContent("Disk usage is above 80% on pi-01.\r\n");
    session.sendMessage(message);
}

struct HttpAnswer
{
    int status = 0;
    std::string body;
    std::string retryAfter;
    std::string contentType;
};

HttpAnswer post(Poco::Net::HTTPClientSession& session, const std::string& path, const std::string& body,
                const std::string& tag)
{
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, path, Poco::Net::HTTPMessage::HTTP_1_1);
    request.setContentType("application/json");
    request.set("X-Test", tag);
    request.setContentLength(static_cast<std::streamsize>(body.size()));
    session.sendRequest(request) << body;
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    HttpAnswer answer;
    answer.status = response.getStatus();
    Poco::StreamCopier::copyToString(in, answer.body);
    answer.retryAfter = response.get("Retry-After", "");
    answer.contentType = response.getContentType();
    return answer;
}

} // namespace

class FakeServersTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(FakeServersTest);
    CPPUNIT_TEST(testStartTlsLoginAndSend);
    CPPUNIT_TEST(testStartTlsRequiredBeforeMail);
    CPPUNIT_TEST(testImplicitTls);
    CPPUNIT_TEST(testPlainOffersNoStartTls);
    CPPUNIT_TEST(testFailDataThenSucceed);
    CPPUNIT_TEST(testWrongPasswordGets535);
    CPPUNIT_TEST(testSmtpUntrustedCertificateRefused);
    CPPUNIT_TEST(testStartupFailureIsReported);
    CPPUNIT_TEST(testSlackAnswersScriptInOrder);
    CPPUNIT_TEST(testSlackPlainHttp);
    CPPUNIT_TEST(testSlackUntrustedCertificateRefused);
    CPPUNIT_TEST(testParseMailDecodesJapaneseSubject);
    CPPUNIT_TEST(testParseMailShowsInjectedHeader);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override
    {
        Poco::Net::initializeSSL();
        _certificates = std::make_unique<TestCertificates>();
        _context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", _certificates->caFile(),
                                          Poco::Net::Context::VERIFY_RELAXED, 9, false,
                                          "ALL:!ADH:!LOW:!EXP:!MD5:@STRENGTH");
        _context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
        Poco::Net::SSLManager::instance().initializeClient(
            nullptr, Poco::makeShared<Poco::Net::RejectCertificateHandler>(false), _context);
    }

    void tearDown() override
    {
        // No uninitializeSSL() between tests: after it, POCO 1.13 (trixie) crashed in
        // SSLManager::verifyCallback on a later test's handshake. The gateway initializes SSL once per
        // process and never shuts it down; the tests now do the same (setUp replaces the client handler).
        _context.reset();
        _certificates.reset();
    }

    FakeSmtpServer::Options smtpOptions(FakeSmtpServer::Mode mode) const
    {
        return FakeSmtpServer::tlsOptions(*_certificates, mode, USER, PASSWORD);
    }

    std::unique_ptr<Poco::Net::SecureSMTPClientSession> startTlsSession(std::uint16_t port)
    {
        auto session = std::make_unique<Poco::Net::SecureSMTPClientSession>("localhost", port);
        session->setTimeout(TIMEOUT);
        session->login("test.local");
        CPPUNIT_ASSERT(session->startTLS(_context));
        return session;
    }

    void testStartTlsLoginAndSend()
    {
        FakeSmtpServer server(smtpOptions(FakeSmtpServer::Mode::StartTls));
        Poco::Net::SecureSMTPClientSession session("localhost", server.port());
        session.setTimeout(TIMEOUT);
        session.open();
        std::string response;
        CPPUNIT_ASSERT_EQUAL(250, session.sendCommand("EHLO test.local", response));
        CPPUNIT_ASSERT_MESSAGE(response, contains(response, "STARTTLS"));
        CPPUNIT_ASSERT_MESSAGE(response, !contains(response, "AUTH")); // No credentials in clear, as Gmail.
        CPPUNIT_ASSERT(session.startTLS(_context));
        CPPUNIT_ASSERT_EQUAL(250, session.sendCommand("EHLO test.local", response));
        CPPUNIT_ASSERT_MESSAGE(response, contains(response, "AUTH LOGIN PLAIN"));
        CPPUNIT_ASSERT_MESSAGE(response, !contains(response, "STARTTLS"));
        session.login("test.local", Poco::Net::SMTPClientSession::AUTH_LOGIN, USER, PASSWORD);
        sendTestMessage(session, "Disk usage above 80%");
        session.close();

        CPPUNIT_ASSERT_MESSAGE(server.log(), server.waitForMessages(1, 10000));
        auto messages = server.messages();
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), messages.size());
        CPPUNIT_ASSERT_EQUAL(USER, messages[0].mailFrom);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), messages[0].rcptTos.size());
        CPPUNIT_ASSERT_EQUAL(std::string("ops@example.com"), messages[0].rcptTos[0]);
        CPPUNIT_ASSERT_EQUAL(std::string("oncall@example.com"), messages[0].rcptTos[1]);
        CPPUNIT_ASSERT_EQUAL(USER, messages[0].authUser);
        CPPUNIT_ASSERT_MESSAGE(messages[0].raw,
                               contains(messages[0].raw, "Subject: Disk usage above 80%\r\n"));
        ParsedMail mail = parseMail(messages[0].file);
        CPPUNIT_ASSERT_EQUAL(std::string("Disk usage above 80%"), mail.subject);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), mail.parts.size());
        CPPUNIT_ASSERT_EQUAL(std::string("Disk usage is above 80% on pi-01.\n"), mail.parts[0].text);

        // The log proves the order on the wire: STARTTLS, the TLS upgrade, and only then AUTH LOGIN
        // with its base64 user name and password lines.
        auto log = lines(server.commandsLog());
        auto at = [&](const std::string& line) {
            return std::find(log.begin(), log.end(), line) - log.begin();
        };
        const auto end = static_cast<std::ptrdiff_t>(log.size());
        CPPUNIT_ASSERT_MESSAGE(server.commandsLog(), at("STARTTLS") < at("TLS"));
        CPPUNIT_ASSERT_MESSAGE(server.commandsLog(), at("TLS") < at("AUTH LOGIN"));
        CPPUNIT_ASSERT_MESSAGE(server.commandsLog(), at("AUTH LOGIN") + 1 == at(USER_BASE64));
        CPPUNIT_ASSERT_MESSAGE(server.commandsLog(), at(USER_BASE64) + 1 == at(PASSWORD_BASE64));
        CPPUNIT_ASSERT_MESSAGE(server.commandsLog(), at(PASSWORD_BASE64) < end);
        CPPUNIT_ASSERT_MESSAGE(server.commandsLog(), !contains(server.commandsLog(), PASSWORD));
        CPPUNIT_ASSERT_MESSAGE(server.commandsLog(), !contains(server.commandsLog(), "Disk usage is above"));
    }

    void testStartTlsRequiredBeforeMail()
    {
        FakeSmtpServer server(smtpOptions(FakeSmtpServer::Mode::StartTls));
        Poco::Net::SecureSMTPClientSession session("localhost", server.port());
        session.setTimeout(TIMEOUT);
        session.login("test.local");
        std::string response;
        CPPUNIT_ASSERT_EQUAL(530, session.sendCommand("MAIL FROM:<" + USER + ">", response));
        CPPUNIT_ASSERT_EQUAL(530, session.sendCommand("AUTH PLAIN", response));
        CPPUNIT_ASSERT(session.startTLS(_context));
        session.login("test.local");
        // Over TLS but not yet authenticated: Gmail wants AUTH first.
        CPPUNIT_ASSERT_EQUAL(530, session.sendCommand("MAIL FROM:<" + USER + ">", response));
        CPPUNIT_ASSERT_MESSAGE(response, contains(response, "5.7.0 Authentication Required"));
        session.close();
        CPPUNIT_ASSERT(!server.waitForMessages(1, 200));
    }

    void testImplicitTls()
    {
        FakeSmtpServer server(smtpOptions(FakeSmtpServer::Mode::ImplicitTls));

        Poco::Net::SecureStreamSocket socket(_context);
        socket.setPeerHostName("localhost");
        socket.connect(Poco::Net::SocketAddress("127.0.0.1", server.port()), TIMEOUT);
        Poco::Net::SMTPClientSession session(socket);
        session.setTimeout(TIMEOUT);
        std::string response;
        session.open();
        CPPUNIT_ASSERT_EQUAL(250, session.sendCommand("EHLO test.local", response));
        CPPUNIT_ASSERT_MESSAGE(response, contains(response, "AUTH LOGIN PLAIN"));
        CPPUNIT_ASSERT_MESSAGE(response, !contains(response, "STARTTLS"));
        session.login("test.local", Poco::Net::SMTPClientSession::AUTH_PLAIN, USER, PASSWORD);
        sendTestMessage(session, "implicit");
        session.close();
        CPPUNIT_ASSERT_MESSAGE(server.log(), server.waitForMessages(1, 10000));
        CPPUNIT_ASSERT_EQUAL(USER, server.messages().at(0).authUser);
        auto log = lines(server.commandsLog());
        CPPUNIT_ASSERT_MESSAGE(server.commandsLog(), !log.empty() && log[0] == "TLS");

        // A client speaking plain SMTP gets no greeting: the server waits for a TLS handshake.
        Poco::Net::StreamSocket plain(Poco::Net::SocketAddress("127.0.0.1", server.port()));
        plain.setReceiveTimeout(Poco::Timespan(1, 0));
        char greeting[64] = {};
        int received = 0;
        try
        {
            received = plain.receiveBytes(greeting, sizeof greeting - 1);
        }
        catch (const Poco::TimeoutException&)
        {
        }
        CPPUNIT_ASSERT_MESSAGE(greeting, received < 3 || std::string(greeting, 3) != "220");
    }

    void testPlainOffersNoStartTls()
    {
        FakeSmtpServer::Options options;
        options.mode = FakeSmtpServer::Mode::Plain;
        FakeSmtpServer server(options);
        Poco::Net::SecureSMTPClientSession session("localhost", server.port());
        session.setTimeout(TIMEOUT);
        session.open();
        std::string response;
        CPPUNIT_ASSERT_EQUAL(250, session.sendCommand("EHLO test.local", response));
        CPPUNIT_ASSERT_MESSAGE(response, !contains(response, "STARTTLS"));
        CPPUNIT_ASSERT_MESSAGE(response, !contains(response, "AUTH"));
        CPPUNIT_ASSERT(!session.startTLS(_context)); // Refused (454), so a client must stop here.
        sendTestMessage(session, "plain");
        session.close();
        CPPUNIT_ASSERT_MESSAGE(server.log(), server.waitForMessages(1, 10000));
        CPPUNIT_ASSERT_EQUAL(std::string(), server.messages().at(0).authUser);
        auto log = lines(server.commandsLog());
        CPPUNIT_ASSERT_MESSAGE(server.commandsLog(),
                               std::find(log.begin(), log.end(), "STARTTLS") != log.end());
        CPPUNIT_ASSERT_MESSAGE(server.commandsLog(), std::find(log.begin(), log.end(), "TLS") == log.end());
    }

    void testFailDataThenSucceed()
    {
        auto options = smtpOptions(FakeSmtpServer::Mode::StartTls);
        options.failData = "451:1";
        FakeSmtpServer server(options);
        auto session = startTlsSession(server.port());
        session->login("test.local", Poco::Net::SMTPClientSession::AUTH_PLAIN, USER, PASSWORD);
        int code = 0;
        std::string text;
        try
        {
            sendTestMessage(*session, "first");
        }
        catch (const Poco::Net::SMTPException& error)
        {
            code = error.code();
            text = error.message();
        }
        CPPUNIT_ASSERT_EQUAL(451, code);
        CPPUNIT_ASSERT_MESSAGE(text, contains(text, "4.3.0"));
        sendTestMessage(*session, "second");
        session->close();
        CPPUNIT_ASSERT_MESSAGE(server.log(), server.waitForMessages(1, 10000));
        auto messages = server.messages();
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), messages.size());
        CPPUNIT_ASSERT_MESSAGE(messages[0].raw, contains(messages[0].raw, "Subject: second\r\n"));
    }

    void testWrongPasswordGets535()
    {
        FakeSmtpServer server(smtpOptions(FakeSmtpServer::Mode::StartTls));
        auto session = startTlsSession(server.port());
        int code = 0;
        std::string text;
        try
        {
            session->login("test.local", Poco::Net::SMTPClientSession::AUTH_LOGIN, USER, "wrong-password");
        }
        catch (const Poco::Net::SMTPException& error)
        {
            code = error.code();
            text = error.message();
        }
        CPPUNIT_ASSERT_EQUAL(535, code);
        CPPUNIT_ASSERT_MESSAGE(text, contains(text, "5.7.8 Username and Password not accepted"));
        std::string response;
        CPPUNIT_ASSERT_EQUAL(530, session->sendCommand("MAIL FROM:<" + USER + ">", response));
        session->close();
    }

    void testSmtpUntrustedCertificateRefused()
    {
        auto options = smtpOptions(FakeSmtpServer::Mode::StartTls);
        options.certFile = _certificates->untrustedCertFile();
        options.keyFile = _certificates->untrustedKeyFile();
        FakeSmtpServer server(options);
        Poco::Net::SecureSMTPClientSession session("localhost", server.port());
        session.setTimeout(TIMEOUT);
        session.login("test.local");
        CPPUNIT_ASSERT_THROW(
            {
                session.startTLS(_context);
                session.login("test.local", Poco::Net::SMTPClientSession::AUTH_LOGIN, USER, PASSWORD);
            },
            Poco::Net::SSLException);
        CPPUNIT_ASSERT_MESSAGE(server.commandsLog(), !contains(server.commandsLog(), "AUTH"));
    }

    void testStartupFailureIsReported()
    {
        FakeSmtpServer::Options options; // STARTTLS without a certificate cannot start.
        std::string what;
        try
        {
            FakeSmtpServer server(options);
        }
        catch (const std::runtime_error& error)
        {
            what = error.what();
        }
        CPPUNIT_ASSERT_MESSAGE(what, contains(what, "smtp_server.py did not start"));
        CPPUNIT_ASSERT_MESSAGE(what, contains(what, "needs --cert and --key"));
        CPPUNIT_ASSERT_THROW(FakeSlackServer("not json"), std::runtime_error);
    }

    void testSlackAnswersScriptInOrder()
    {
        FakeSlackServer slack(R"([
            {"status": 429, "body": "rate_limited", "headers": {"Retry-After": "2"}},
            {"status": 410, "body": "channel_is_archived", "delay_ms": 300},
            {"status": 400, "body": "invalid_payload"},
            {"drop": true}
        ])",
                              _certificates.get());
        Poco::URI uri(slack.url("/services/T000/B000/XXXX"));
        CPPUNIT_ASSERT_EQUAL(std::string("https"), uri.getScheme());
        CPPUNIT_ASSERT_EQUAL(std::string("localhost"), uri.getHost());
        Poco::Net::HTTPSClientSession session(uri.getHost(), uri.getPort(), _context);
        session.setTimeout(TIMEOUT);

        const std::string body = R"({"text":"ディスクの使用率が80%を超えました"})";
        HttpAnswer first = post(session, uri.getPathEtc(), body, "1");
        CPPUNIT_ASSERT_EQUAL(429, first.status);
        CPPUNIT_ASSERT_EQUAL(std::string("rate_limited"), first.body);
        CPPUNIT_ASSERT_EQUAL(std::string("2"), first.retryAfter);
        CPPUNIT_ASSERT_EQUAL(std::string("text/html"), first.contentType);
        auto started = std::chrono::steady_clock::now();
        HttpAnswer second = post(session, uri.getPathEtc(), body, "2");
        auto waited = std::chrono::steady_clock::now() - started;
        CPPUNIT_ASSERT_EQUAL(410, second.status);
        CPPUNIT_ASSERT_EQUAL(std::string("channel_is_archived"), second.body);
        CPPUNIT_ASSERT(waited >= std::chrono::milliseconds(300));
        CPPUNIT_ASSERT_EQUAL(std::string(), second.retryAfter);
        HttpAnswer third = post(session, uri.getPathEtc(), body, "3");
        CPPUNIT_ASSERT_EQUAL(400, third.status);
        CPPUNIT_ASSERT_EQUAL(std::string("invalid_payload"), third.body);
        CPPUNIT_ASSERT_THROW(post(session, uri.getPathEtc(), body, "4"), Poco::Exception);

        // Script used up: Slack's success answer from now on, on a fresh connection.
        Poco::Net::HTTPSClientSession again(uri.getHost(), uri.getPort(), _context);
        again.setTimeout(TIMEOUT);
        HttpAnswer fifth = post(again, "/other", "{}", "5");
        CPPUNIT_ASSERT_EQUAL(200, fifth.status);
        CPPUNIT_ASSERT_EQUAL(std::string("ok"), fifth.body);

        CPPUNIT_ASSERT_MESSAGE(slack.log(), slack.waitForRequests(5, 10000));
        auto requests = slack.requests();
        CPPUNIT_ASSERT_EQUAL(std::size_t(5), requests.size());
        for (std::size_t i = 0; i < 4; ++i)
        {
            CPPUNIT_ASSERT_EQUAL(std::string("POST"), requests[i].method);
            CPPUNIT_ASSERT_EQUAL(std::string("/services/T000/B000/XXXX"), requests[i].path);
            CPPUNIT_ASSERT_EQUAL(body, requests[i].body);
            CPPUNIT_ASSERT_EQUAL(std::to_string(i + 1), requests[i].headers["X-Test"]);
            CPPUNIT_ASSERT_EQUAL(std::string("application/json"), requests[i].headers["content-type"]);
        }
        CPPUNIT_ASSERT_EQUAL(std::string("/other"), requests[4].path);
        CPPUNIT_ASSERT_EQUAL(std::string("{}"), requests[4].body);
        CPPUNIT_ASSERT_EQUAL("localhost:" + std::to_string(slack.port()), requests[4].headers["Host"]);
        for (std::size_t i = 1; i < requests.size(); ++i)
            CPPUNIT_ASSERT(requests[i].at >= requests[i - 1].at);
        CPPUNIT_ASSERT(requests[2].at - requests[1].at >= 0.3); // The second answer was held back 300 ms.
    }

    void testSlackPlainHttp()
    {
        FakeSlackServer slack(R"([{"status": 500, "body": "internal_error"}])");
        Poco::URI uri(slack.url("/services/T/B/X"));
        CPPUNIT_ASSERT_EQUAL(std::string("http"), uri.getScheme());
        Poco::Net::HTTPClientSession session(uri.getHost(), uri.getPort());
        session.setTimeout(TIMEOUT);
        HttpAnswer answer = post(session, uri.getPathEtc(), "{\"text\":\"x\"}", "plain");
        CPPUNIT_ASSERT_EQUAL(500, answer.status);
        CPPUNIT_ASSERT_EQUAL(std::string("internal_error"), answer.body);
        CPPUNIT_ASSERT(slack.waitForRequests(1, 10000));
        CPPUNIT_ASSERT_EQUAL(std::string("{\"text\":\"x\"}"), slack.requests().at(0).body);
    }

    void testSlackUntrustedCertificateRefused()
    {
        FakeSlackServer slack("[]", _certificates.get(), 0, FakeSlackServer::Certificate::Untrusted);
        Poco::URI uri(slack.url("/services/T/B/X"));
        Poco::Net::HTTPSClientSession session(uri.getHost(), uri.getPort(), _context);
        session.setTimeout(TIMEOUT);
        CPPUNIT_ASSERT_THROW(post(session, uri.getPathEtc(), "{}", "untrusted"), Poco::Net::SSLException);
        CPPUNIT_ASSERT(!slack.waitForRequests(1, 300));
    }

    void testParseMailDecodesJapaneseSubject()
    {
        TempDir dir;
        // A long subject as mail software folds it: two UTF-8 B-words on two lines (RFC 2047 section 5),
        // the whitespace between them not part of the text.
        std::string eml =
            dir.write("jp.eml", "From: AlertGate <alertgate@example.com>\r\n"
                                "To: Ops <ops@example.com>, oncall@example.com\r\n"
                                "Subject: =?UTF-8?B?44OH44Kj44K544Kv44Gu5L2/55So546H44GM?=\r\n"
                                " =?UTF-8?B?ODAl44KS6LaF44GI44G+44GX44Gf?=\r\n"
                                "Date: Sun, 22 Nov 2026 21:00:00 +0900\r\n"
                                "Message-ID: <1.alertgate@pi-01>\r\n"
                                "MIME-Version: 1.0\r\n"
                                "Content-Type: text/plain; charset=UTF-8\r\n"
                                "Content-Transfer-Encoding: base64\r\n"
                                "\r\n"
                                "44OH44Kj44K544Kv44Gu5L2/55So546H44GMODAl44KS6LaF44GI44G+44GX44Gf\r\n");
        ParsedMail mail = parseMail(eml);
        CPPUNIT_ASSERT_EQUAL(std::string("ディスクの使用率が80%を超えました"), mail.subject);
        CPPUNIT_ASSERT_EQUAL(std::string("ディスクの使用率が80%を超えました"), mail.header("subject"));
        CPPUNIT_ASSERT_EQUAL(std::string("AlertGate <alertgate@example.com>"), mail.from);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), mail.to.size());
        CPPUNIT_ASSERT_EQUAL(std::string("Ops <ops@example.com>"), mail.to[0]);
        CPPUNIT_ASSERT_EQUAL(std::string("oncall@example.com"), mail.to[1]);
        CPPUNIT_ASSERT_EQUAL(std::string("Sun, 22 Nov 2026 21:00:00 +0900"), mail.date);
        CPPUNIT_ASSERT_EQUAL(std::string("<1.alertgate@pi-01>"), mail.messageId);
        CPPUNIT_ASSERT_EQUAL(std::string("text/plain"), mail.contentType);
        CPPUNIT_ASSERT_EQUAL(std::size_t(8), mail.headers.size());
        CPPUNIT_ASSERT_EQUAL(std::string("From"), mail.headers[0].first);
        CPPUNIT_ASSERT_EQUAL(std::string("Content-Transfer-Encoding"), mail.headers[7].first);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), mail.parts.size());
        CPPUNIT_ASSERT_EQUAL(std::string("utf-8"), mail.parts[0].charset);
        CPPUNIT_ASSERT_EQUAL(std::string("ディスクの使用率が80%を超えました"), mail.parts[0].text);
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), mail.defects.size());
    }

    void testParseMailShowsInjectedHeader()
    {
        TempDir dir;
        // What a renderer that let a CRLF from a label through would send: the parser must show the extra
        // header, and a non-ASCII byte left raw in a header as a defect.
        std::string eml = dir.write("injected.eml", "From: alertgate@example.com\r\n"
                                                    "To: ops@example.com\r\n"
                                                    "Subject: disk full\r\n"
                                                    "Bcc: attacker@example.net\r\n"
                                                    "X-Label: \xe3\x83\x87\r\n"
                                                    "\r\n"
                                                    "body\r\n");
        ParsedMail mail = parseMail(eml);
        CPPUNIT_ASSERT_EQUAL(std::string("disk full"), mail.subject);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), mail.headerCount("bcc"));
        CPPUNIT_ASSERT_EQUAL(std::string("attacker@example.net"), mail.header("BCC"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), mail.headerCount("Cc"));
        CPPUNIT_ASSERT_EQUAL(std::string("text/plain"), mail.contentType);
        CPPUNIT_ASSERT_EQUAL(std::string("body\n"), mail.parts.at(0).text);
        CPPUNIT_ASSERT_MESSAGE("no defect reported", !mail.defects.empty());
    }

private:
    std::unique_ptr<TestCertificates> _certificates;
    Poco::Net::Context::Ptr _context;
};

CPPUNIT_TEST_SUITE_REGISTRATION(FakeServersTest);

} // namespace AlertGate::Test
