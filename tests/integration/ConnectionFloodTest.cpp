#include "Eventually.h"
#include "RawConnections.h"
#include "SlowLorisClient.h"
#include "TestGateway.h"
#include "app/FileLimit.h"

#include <cppunit/extensions/HelperMacros.h>

#include <thread>

namespace AlertGate::Test {

namespace {

constexpr std::size_t kIdle = 1000;
constexpr int kRequestTimeoutMs = 10000;

std::string floodIni(std::size_t maxIdle)
{
    return "[http]\nmax_connections = 4\nmax_idle_connections = " + std::to_string(maxIdle) +
           "\nrequest_timeout = " + std::to_string(kRequestTimeoutMs / 1000) + "s\n";
}

// Webhook posts and health probes from a few clients at once, as Alertmanager and a monitor would.
void assertOrdinaryClientsAreServed(TestGateway& gateway)
{
    std::vector<int> statuses(12, 0);
    std::vector<std::thread> clients;
    for (std::size_t i = 0; i < statuses.size(); ++i)
        clients.emplace_back([&, i] {
            statuses[i] =
                i % 2 == 0 ? gateway.replay("disk-critical-firing").status : gateway.get("/-/healthy").status;
        });
    for (auto& client : clients)
        client.join();
    for (int status : statuses)
        CPPUNIT_ASSERT_EQUAL_MESSAGE(gateway.process().log(), 200, status);
}

} // namespace

/// Fault: a thousand connections that say nothing and a slow-loris client do not keep the gateway from
/// answering anyone else, and the gateway closes them at their deadline.
class ConnectionFloodTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(ConnectionFloodTest);
    CPPUNIT_TEST(testIdleConnectionsAndSlowLorisDoNotStopOtherClients);
    CPPUNIT_TEST(testOldestIdleConnectionsGiveWayBeyondTheCap);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override { raiseOpenFileLimit(); }

    void testIdleConnectionsAndSlowLorisDoNotStopOtherClients()
    {
        TestGateway gateway(floodIni(2 * kIdle));
        gateway.start();
        RawConnections idle(gateway.port(), kIdle);
        SlowLorisClient slowLoris(gateway.port(), std::chrono::milliseconds(300));
        CPPUNIT_ASSERT(eventually([&] { return slowLoris.bytesSent() >= 3; }, kRequestTimeoutMs));

        assertOrdinaryClientsAreServed(gateway);
        // Served while every idle connection was still open, not after they timed out.
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), idle.countClosedByServer());
        // Six posts of one notification: stored once, the other five counted as its repeats.
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), gateway.countRows("notifications"));
        CPPUNIT_ASSERT(gateway.texts("SELECT repeats FROM notification_repeats") ==
                       std::vector<std::string>{"5"});

        CPPUNIT_ASSERT(slowLoris.waitUntilClosed(3 * kRequestTimeoutMs));
        CPPUNIT_ASSERT_EQUAL(std::string(), slowLoris.received());
        CPPUNIT_ASSERT(
            eventually([&] { return idle.countClosedByServer() == kIdle; }, 3 * kRequestTimeoutMs));
        CPPUNIT_ASSERT_EQUAL(200, gateway.get("/-/healthy").status);
    }

    void testOldestIdleConnectionsGiveWayBeyondTheCap()
    {
        constexpr std::size_t kCap = 100;
        TestGateway gateway(floodIni(kCap));
        gateway.start();
        RawConnections idle(gateway.port(), kIdle);
        assertOrdinaryClientsAreServed(gateway);
        CPPUNIT_ASSERT(
            eventually([&] { return idle.countClosedByServer() >= kIdle - kCap; }, kRequestTimeoutMs));
        for (std::size_t i = kIdle - kCap / 2; i < kIdle; ++i)
            CPPUNIT_ASSERT_MESSAGE(std::to_string(i), !idle.closedByServer(i));
        for (std::size_t i = 0; i < kIdle / 2; ++i)
            CPPUNIT_ASSERT_MESSAGE(std::to_string(i), idle.closedByServer(i));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ConnectionFloodTest);

} // namespace AlertGate::Test
