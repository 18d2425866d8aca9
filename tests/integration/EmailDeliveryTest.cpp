#include "Contains.h"
#include "Eventually.h"
#include "FakeSmtpServer.h"
#include "MailParser.h"
#include "Payloads.h"
#include "TempDir.h"
#include "TestCertificates.h"
#include "TestGateway.h"

#include <cppunit/extensions/HelperMacros.h>

#include <fstream>
#include <iostream>
#include <set>
#include <sys/stat.h>

namespace AlertGate::Test {

namespace {

const std::string USER = "alertgate@example.com";
const std::string PASSWORD = "app-password-1234";
const std::string JAPANESE_SUMMARY = "ディスクの使用率が高い";

/// A gateway whose [email] channel talks to one fake SMTP server, trusting only the test CA; the
/// subject template shows the summary, so a Japanese annotation reaches the Subject header.
class EmailSetup
{
public:
    EmailSetup(const TestCertificates& certificates, std::uint16_t smtpPort, const std::string& security,
               bool withCredentials = true)
    {
        std::string passwordFile = _dir.file("smtp-password");
        std::ofstream(passwordFile) << PASSWORD;
        ::chmod(passwordFile.c_str(), 0600);
        std::string subjectTemplate = _dir.file("subject.mustache");
        std::ofstream(subjectTemplate) << "[{{statusUpper}}] {{#alerts}}{{summary}} {{instance}}{{/alerts}}";
        std::string ini = "[delivery]\nretry_initial = 100ms\nretry_max = 1s\n"
                          "[email]\nsmtp_host = localhost\nsmtp_port = " +
                          std::to_string(smtpPort) + "\nsecurity = " + security +
                          "\nfrom = alertgate <alertgate@example.com>\n"
                          "to = oncall@example.com, Ops Team <ops@example.com>\n"
                          "subject_template = " +
                          subjectTemplate + "\nca_file = " + certificates.caFile() + "\ntimeout = 5s\n";
        if (withCredentials)
            ini += "username = " + USER + "\npassword_file = " + passwordFile + "\n";
        _gateway = std::make_unique<TestGateway>(ini);
        _gateway->start();
    }

    TestGateway& gateway() { return *_gateway; }

    void postDiskAlert(const std::string& fingerprint, const std::string& instance)
    {
        int status = _gateway->post(webhookBody({diskAlert(fingerprint, instance, "critical")})).status;
        CPPUNIT_ASSERT_EQUAL_MESSAGE(_gateway->process().log(), 200, status);
    }

    bool waitForState(const std::string& state, int timeoutMs)
    {
        return eventually(
            [&] {
                auto rows = _gateway->outbox("email");
                return !rows.empty() && rows.front().state == state;
            },
            timeoutMs);
    }

private:
    TempDir _dir;
    std::unique_ptr<TestGateway> _gateway;
};

} // namespace

class EmailDeliveryTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(EmailDeliveryTest);
    CPPUNIT_TEST(testStartTlsMessageHasHeadersBothPartsAndJapaneseSubject);
    CPPUNIT_TEST(testCrLfInLabelsAndAnnotationsCreatesNoHeader);
    CPPUNIT_TEST(testImplicitTls);
    CPPUNIT_TEST(testUnknownCaIsRefused);
    CPPUNIT_TEST(testServerWithoutStartTlsGetsNoCredentials);
    CPPUNIT_TEST(testTransientFailureIsRetriedAndDeliveredOnce);
    CPPUNIT_TEST(testPermanentFailureIsDeadWithTheReply);
    CPPUNIT_TEST(testEpisodeMailsAreThreadedOnTheFirst);
    CPPUNIT_TEST_SUITE_END();

public:
    void testStartTlsMessageHasHeadersBothPartsAndJapaneseSubject()
    {
        TestCertificates certificates;
        FakeSmtpServer smtp(
            FakeSmtpServer::tlsOptions(certificates, FakeSmtpServer::Mode::StartTls, USER, PASSWORD));
        EmailSetup setup(certificates, smtp.port(), "starttls");
        setup.postDiskAlert("00000000000000e1", "pi:9100");

        CPPUNIT_ASSERT_MESSAGE(setup.gateway().process().log() + smtp.log(), smtp.waitForMessages(1, 20000));
        auto message = smtp.messages().front();
        CPPUNIT_ASSERT_EQUAL(USER, message.authUser);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), message.rcptTos.size());
        CPPUNIT_ASSERT(contains(smtp.commandsLog(), "TLS"));

        ParsedMail mail = parseMail(message.file);
        CPPUNIT_ASSERT_EQUAL("[FIRING] " + JAPANESE_SUMMARY + " pi:9100", mail.subject);
        CPPUNIT_ASSERT(contains(mail.from, "alertgate@example.com"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), mail.to.size());
        CPPUNIT_ASSERT(contains(mail.to[1], "ops@example.com"));
        CPPUNIT_ASSERT(!mail.date.empty());
        CPPUNIT_ASSERT(contains(mail.messageId, "@"));
        CPPUNIT_ASSERT_EQUAL(std::string("1.0"), mail.header("MIME-Version"));
        CPPUNIT_ASSERT_EQUAL(std::string("multipart/alternative"), mail.contentType);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), mail.parts.size());
        CPPUNIT_ASSERT_EQUAL(std::string("text/plain"), mail.parts[0].contentType);
        CPPUNIT_ASSERT_EQUAL(std::string("text/html"), mail.parts[1].contentType);
        for (const auto& part : mail.parts)
        {
            CPPUNIT_ASSERT_EQUAL(std::string("utf-8"), part.charset);
            CPPUNIT_ASSERT(contains(part.text, JAPANESE_SUMMARY));
        }
        CPPUNIT_ASSERT_MESSAGE(mail.defects.empty() ? "" : mail.defects.front(), mail.defects.empty());
        CPPUNIT_ASSERT(setup.waitForState("delivered", 10000));
    }

    void testCrLfInLabelsAndAnnotationsCreatesNoHeader()
    {
        TestCertificates certificates;
        FakeSmtpServer smtp(
            FakeSmtpServer::tlsOptions(certificates, FakeSmtpServer::Mode::StartTls, USER, PASSWORD));
        EmailSetup setup(certificates, smtp.port(), "starttls");
        TestAlert alert = diskAlert("00000000000000e2", "pi:9100\r\nBcc: victim@example.com", "critical");
        alert.annotations["summary"] = "full\r\nX-Injected: yes\nReply-To: evil@example.com";
        CPPUNIT_ASSERT_EQUAL(200, setup.gateway().post(webhookBody({alert})).status);

        CPPUNIT_ASSERT_MESSAGE(setup.gateway().process().log(), smtp.waitForMessages(1, 20000));
        auto message = smtp.messages().front();
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), message.rcptTos.size());
        ParsedMail mail = parseMail(message.file);
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), mail.headerCount("Bcc"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), mail.headerCount("X-Injected"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), mail.headerCount("Reply-To"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), mail.headerCount("Subject"));
        CPPUNIT_ASSERT(contains(mail.subject, "victim@example.com"));
        CPPUNIT_ASSERT(!contains(mail.subject, "\n"));
        CPPUNIT_ASSERT(!contains(mail.subject, "\r"));
    }

    // One firing episode of a group is one thread: every later mail of it answers the first mail. A new
    // episode after the full resolution starts a thread of its own.
    void testEpisodeMailsAreThreadedOnTheFirst()
    {
        TestCertificates certificates;
        FakeSmtpServer smtp(
            FakeSmtpServer::tlsOptions(certificates, FakeSmtpServer::Mode::StartTls, USER, PASSWORD));
        EmailSetup setup(certificates, smtp.port(), "starttls");
        TestAlert critical = diskAlert("00000000000000c1", "pi:9100", "critical");
        TestAlert warning = diskAlert("00000000000000c2", "pi:9100", "warning");
        auto post = [&](const std::vector<TestAlert>& alerts) {
            HttpResult result = setup.gateway().post(webhookBody(alerts));
            CPPUNIT_ASSERT_EQUAL_MESSAGE(result.body, 200, result.status);
        };
        post({critical});
        post({critical, warning});
        critical.status = warning.status = "resolved";
        post({critical, warning});
        // The same disk fills up again: a new episode (a new startsAt).
        critical.status = "firing";
        critical.startsAt = "2026-11-22T14:00:00Z";
        post({critical});
        critical.status = "resolved";
        post({critical});

        CPPUNIT_ASSERT_MESSAGE(setup.gateway().process().log() + smtp.log(), smtp.waitForMessages(5, 30000));
        std::vector<ParsedMail> mails;
        for (const auto& message : smtp.messages())
            mails.push_back(parseMail(message.file));
        CPPUNIT_ASSERT_EQUAL(std::size_t(5), mails.size());
        std::string story;
        for (const auto& mail : mails)
            story += mail.subject + " | Message-ID " + mail.messageId + " | In-Reply-To " +
                     mail.header("In-Reply-To") + " | References " + mail.header("References") + "\n";
        std::cout << "\n" << story;
        CPPUNIT_ASSERT_MESSAGE(story, contains(mails[2].subject, "[RESOLVED]"));
        // The first episode: the firing mail opens the thread, the update and the resolution answer it.
        CPPUNIT_ASSERT_EQUAL_MESSAGE(story, std::size_t(0), mails[0].headerCount("In-Reply-To"));
        CPPUNIT_ASSERT_EQUAL_MESSAGE(story, mails[0].messageId, mails[1].header("In-Reply-To"));
        CPPUNIT_ASSERT_EQUAL_MESSAGE(story, mails[0].messageId, mails[2].header("In-Reply-To"));
        CPPUNIT_ASSERT_EQUAL_MESSAGE(story, mails[0].messageId, mails[2].header("References"));
        // The second episode is a thread of its own.
        CPPUNIT_ASSERT_EQUAL_MESSAGE(story, std::size_t(0), mails[3].headerCount("In-Reply-To"));
        CPPUNIT_ASSERT_EQUAL_MESSAGE(story, mails[3].messageId, mails[4].header("In-Reply-To"));
        std::set<std::string> ids;
        for (const auto& mail : mails)
        {
            CPPUNIT_ASSERT_MESSAGE(story, contains(mail.messageId, "@"));
            CPPUNIT_ASSERT_EQUAL_MESSAGE(story, std::size_t(1), mail.headerCount("Message-ID"));
            ids.insert(mail.messageId);
        }
        CPPUNIT_ASSERT_EQUAL_MESSAGE(story, std::size_t(5), ids.size());
    }

    void testImplicitTls()
    {
        TestCertificates certificates;
        FakeSmtpServer smtp(
            FakeSmtpServer::tlsOptions(certificates, FakeSmtpServer::Mode::ImplicitTls, USER, PASSWORD));
        EmailSetup setup(certificates, smtp.port(), "tls");
        setup.postDiskAlert("00000000000000e3", "pi:9100");
        CPPUNIT_ASSERT_MESSAGE(setup.gateway().process().log() + smtp.log(), smtp.waitForMessages(1, 20000));
        CPPUNIT_ASSERT_EQUAL(USER, smtp.messages().front().authUser);
    }

    void testUnknownCaIsRefused()
    {
        TestCertificates certificates;
        FakeSmtpServer::Options options =
            FakeSmtpServer::tlsOptions(certificates, FakeSmtpServer::Mode::StartTls, USER, PASSWORD);
        options.certFile = certificates.untrustedCertFile();
        options.keyFile = certificates.untrustedKeyFile();
        FakeSmtpServer smtp(options);
        EmailSetup setup(certificates, smtp.port(), "starttls");
        setup.postDiskAlert("00000000000000e4", "pi:9100");

        CPPUNIT_ASSERT(eventually([&] { return setup.gateway().oldestAttempts("email") >= 2; }, 20000));
        auto row = setup.gateway().outbox("email").front();
        CPPUNIT_ASSERT_EQUAL(std::string("pending"), row.state);
        CPPUNIT_ASSERT_MESSAGE(row.lastError, contains(row.lastError, "certificate"));
        CPPUNIT_ASSERT(smtp.messages().empty());
        CPPUNIT_ASSERT_MESSAGE(smtp.commandsLog(), !contains(smtp.commandsLog(), "AUTH"));
    }

    void testServerWithoutStartTlsGetsNoCredentials()
    {
        TestCertificates certificates;
        FakeSmtpServer::Options options;
        options.mode = FakeSmtpServer::Mode::Plain;
        FakeSmtpServer smtp(options);
        EmailSetup setup(certificates, smtp.port(), "starttls");
        setup.postDiskAlert("00000000000000e5", "pi:9100");

        CPPUNIT_ASSERT(eventually([&] { return setup.gateway().oldestAttempts("email") >= 2; }, 20000));
        auto row = setup.gateway().outbox("email").front();
        CPPUNIT_ASSERT_EQUAL(std::string("pending"), row.state);
        CPPUNIT_ASSERT_MESSAGE(row.lastError, contains(row.lastError, "STARTTLS"));
        std::string commands = smtp.commandsLog();
        CPPUNIT_ASSERT_MESSAGE(commands, !contains(commands, "AUTH"));
        CPPUNIT_ASSERT_MESSAGE(commands, !contains(commands, "MAIL FROM"));
        CPPUNIT_ASSERT(smtp.messages().empty());
    }

    void testTransientFailureIsRetriedAndDeliveredOnce()
    {
        TestCertificates certificates;
        FakeSmtpServer::Options options =
            FakeSmtpServer::tlsOptions(certificates, FakeSmtpServer::Mode::StartTls, USER, PASSWORD);
        options.failData = "451:1";
        FakeSmtpServer smtp(options);
        EmailSetup setup(certificates, smtp.port(), "starttls");
        setup.postDiskAlert("00000000000000e6", "pi:9100");

        CPPUNIT_ASSERT_MESSAGE(setup.gateway().process().log(), setup.waitForState("delivered", 20000));
        auto row = setup.gateway().outbox("email").front();
        CPPUNIT_ASSERT_EQUAL(std::int64_t(2), row.attempts);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), smtp.messages().size());
    }

    void testPermanentFailureIsDeadWithTheReply()
    {
        TestCertificates certificates;
        FakeSmtpServer::Options options =
            FakeSmtpServer::tlsOptions(certificates, FakeSmtpServer::Mode::StartTls, USER, PASSWORD);
        options.failData = "554:100";
        FakeSmtpServer smtp(options);
        EmailSetup setup(certificates, smtp.port(), "starttls");
        setup.postDiskAlert("00000000000000e7", "pi:9100");

        CPPUNIT_ASSERT_MESSAGE(setup.gateway().process().log(), setup.waitForState("dead", 20000));
        auto row = setup.gateway().outbox("email").front();
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), row.attempts);
        CPPUNIT_ASSERT_MESSAGE(row.lastError, contains(row.lastError, "554"));
        CommandResult history = setup.gateway().history({"--format", "json"});
        CPPUNIT_ASSERT_MESSAGE(history.out, contains(history.out, "\"state\":\"dead\""));
        CPPUNIT_ASSERT_MESSAGE(history.out, contains(history.out, "554"));
        CPPUNIT_ASSERT(smtp.messages().empty());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(EmailDeliveryTest);

} // namespace AlertGate::Test
