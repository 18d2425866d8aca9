#include "Contains.h"
#include "TestGateway.h"

#include <Poco/Net/ServerSocket.h>

#include <cppunit/extensions/HelperMacros.h>

#include <future>

namespace AlertGate::Test {

/// Stopping the daemon while a message is being sent ends that attempt at once, whatever the channel's
/// timeout says; the message stays pending, to be sent after the next start.
class StopDuringDeliveryTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(StopDuringDeliveryTest);
    CPPUNIT_TEST(testStopEndsAnSmtpSessionThatHangs);
    CPPUNIT_TEST(testStopEndsASlackWebhookPostThatHangs);
    CPPUNIT_TEST(testStopEndsASlackApiCallThatHangs);
    CPPUNIT_TEST_SUITE_END();

public:
    // Connections to silent complete in the kernel's backlog, and no greeting ever comes.
    void testStopEndsAnSmtpSessionThatHangs()
    {
        Poco::Net::ServerSocket silent(Poco::Net::SocketAddress("127.0.0.1", 0));
        stopEndsTheAttempt(silent, "email",
                           "[email]\nsmtp_host = 127.0.0.1\nsmtp_port = " + port(silent) +
                               "\nsecurity = none\nfrom = alertgate@example.com\nto = ops@example.com\n"
                               "timeout = 5m\n");
    }

    // The TLS handshake waits for the server's hello.
    void testStopEndsASlackWebhookPostThatHangs()
    {
        Poco::Net::ServerSocket silent(Poco::Net::SocketAddress("127.0.0.1", 0));
        stopEndsTheAttempt(silent, "slack",
                           "[slack]\nwebhook_url = https://localhost:" + port(silent) +
                               "/services/T0/B0/x\ntimeout = 5m\n");
    }

    void testStopEndsASlackApiCallThatHangs()
    {
        Poco::Net::ServerSocket silent(Poco::Net::SocketAddress("127.0.0.1", 0));
        stopEndsTheAttempt(
            silent, "slack",
            "[slack]\nbot_token = xoxb-1-2-3\nchannel = #alerts\napi_url = https://localhost:" +
                port(silent) + "/api\ntimeout = 5m\n");
    }

private:
    static std::string port(const Poco::Net::ServerSocket& socket)
    {
        return std::to_string(socket.address().port());
    }

    static void stopEndsTheAttempt(Poco::Net::ServerSocket& silent, const std::string& channel,
                                   const std::string& ini)
    {
        TestGateway gateway(ini);
        gateway.start();
        CPPUNIT_ASSERT_EQUAL(200, gateway.replay("disk-critical-firing").status);
        CPPUNIT_ASSERT_MESSAGE(gateway.process().log(),
                               silent.poll(Poco::Timespan(60, 0), Poco::Net::Socket::SELECT_READ));

        auto stopping = std::async(std::launch::async, [&] { return gateway.process().terminate(); });
        // Five minutes of the channel's timeout: only the abort at stop can end it within two.
        CPPUNIT_ASSERT_MESSAGE(gateway.process().log(),
                               stopping.wait_for(std::chrono::minutes(2)) == std::future_status::ready);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(gateway.process().log(), 0, stopping.get());
        auto rows = gateway.outbox(channel);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), rows.size());
        CPPUNIT_ASSERT_EQUAL(std::string("pending"), rows.front().state);
        CPPUNIT_ASSERT_MESSAGE(rows.front().lastError, contains(rows.front().lastError, "stopping"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(StopDuringDeliveryTest);

} // namespace AlertGate::Test
