#include "Contains.h"
#include "TestGateway.h"

#include <Poco/Net/ServerSocket.h>

#include <cppunit/extensions/HelperMacros.h>

#include <future>

namespace AlertGate::Test {

/// Stopping the daemon while an email is being sent ends that attempt at once, whatever email.timeout
/// says; the message stays pending, to be sent after the next start.
class StopDuringDeliveryTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(StopDuringDeliveryTest);
    CPPUNIT_TEST(testStopEndsAnSmtpSessionThatHangs);
    CPPUNIT_TEST_SUITE_END();

public:
    void testStopEndsAnSmtpSessionThatHangs()
    {
        // Connections to it complete in the kernel's backlog, and no greeting ever comes.
        Poco::Net::ServerSocket silent(Poco::Net::SocketAddress("127.0.0.1", 0));
        TestGateway gateway(
            "[email]\nsmtp_host = 127.0.0.1\nsmtp_port = " + std::to_string(silent.address().port()) +
            "\nsecurity = none\nfrom = alertgate@example.com\nto = ops@example.com\n"
            "timeout = 5m\n");
        gateway.start();
        CPPUNIT_ASSERT_EQUAL(200, gateway.replay("disk-critical-firing").status);
        CPPUNIT_ASSERT_MESSAGE(gateway.process().log(),
                               silent.poll(Poco::Timespan(60, 0), Poco::Net::Socket::SELECT_READ));

        auto stopping = std::async(std::launch::async, [&] { return gateway.process().terminate(); });
        // Five minutes of email.timeout: only the abort at stop can end it within two.
        CPPUNIT_ASSERT_MESSAGE(gateway.process().log(),
                               stopping.wait_for(std::chrono::minutes(2)) == std::future_status::ready);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(gateway.process().log(), 0, stopping.get());
        auto rows = gateway.outbox("email");
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), rows.size());
        CPPUNIT_ASSERT_EQUAL(std::string("pending"), rows.front().state);
        CPPUNIT_ASSERT_MESSAGE(rows.front().lastError, contains(rows.front().lastError, "stopping"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(StopDuringDeliveryTest);

} // namespace AlertGate::Test
