#include "notify/email/SmtpClient.h"

#include <Poco/Net/Context.h>
#include <Poco/Net/ServerSocket.h>

#include <cppunit/extensions/HelperMacros.h>

#include <future>

namespace AlertGate {

/// Stopping the daemon ends an SMTP attempt at once, whatever email.timeout says: here a server that
/// accepts the connection (the kernel does, from its backlog) and never greets.
class SmtpClientAbortTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(SmtpClientAbortTest);
    CPPUNIT_TEST(testAbortEndsASessionWaitingForAGreeting);
    CPPUNIT_TEST(testAfterAbortNothingIsAttempted);
    CPPUNIT_TEST_SUITE_END();

public:
    void testAbortEndsASessionWaitingForAGreeting()
    {
        Poco::Net::ServerSocket silent(Poco::Net::SocketAddress("127.0.0.1", 0));
        Settings::Email settings = mute(silent.address().port());
        SmtpClient client(settings,
                          Poco::makeAuto<Poco::Net::Context>(Poco::Net::Context::TLS_CLIENT_USE, ""),
                          "alertgate.test");
        auto sending = std::async(std::launch::async, [&] { return client.send("Subject: x\r\n\r\nx\r\n"); });
        // The client is connected and waits for the greeting once the server can accept it.
        CPPUNIT_ASSERT(silent.poll(Poco::Timespan(60, 0), Poco::Net::Socket::SELECT_READ));
        client.abort();
        // email.timeout is five minutes: only abort() can end the attempt within two.
        CPPUNIT_ASSERT(sending.wait_for(std::chrono::minutes(2)) == std::future_status::ready);
        DeliveryResult result = sending.get();
        CPPUNIT_ASSERT(result.outcome == DeliveryResult::Outcome::Retry);
        CPPUNIT_ASSERT_MESSAGE(result.detail, result.detail.find("stopping") != std::string::npos);
    }

    void testAfterAbortNothingIsAttempted()
    {
        Poco::Net::ServerSocket silent(Poco::Net::SocketAddress("127.0.0.1", 0));
        Settings::Email settings = mute(silent.address().port());
        SmtpClient client(settings,
                          Poco::makeAuto<Poco::Net::Context>(Poco::Net::Context::TLS_CLIENT_USE, ""),
                          "alertgate.test");
        client.abort();
        DeliveryResult result = client.send("Subject: x\r\n\r\nx\r\n");
        CPPUNIT_ASSERT(result.outcome == DeliveryResult::Outcome::Retry);
        CPPUNIT_ASSERT_MESSAGE(result.detail, result.detail.find("stopping") != std::string::npos);
        CPPUNIT_ASSERT(!silent.poll(Poco::Timespan(0), Poco::Net::Socket::SELECT_READ));
    }

private:
    static Settings::Email mute(std::uint16_t port)
    {
        Settings::Email settings;
        settings.smtpHost = "127.0.0.1";
        settings.smtpPort = port;
        settings.security = "none";
        settings.from = "alertgate@example.com";
        settings.to = {"ops@example.com"};
        settings.timeoutMs = 300000;
        return settings;
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SmtpClientAbortTest);

} // namespace AlertGate
