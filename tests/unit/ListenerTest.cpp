#include "http/server/Listener.h"
#include "RawConnections.h"

#include <cppunit/extensions/HelperMacros.h>

#include <algorithm>
#include <fstream>

namespace AlertGate {

namespace {

constexpr int kBurst = 500;

// The kernel caps every backlog at net.core.somaxconn: a burst beyond it cannot be asked of the gateway.
int burstThisKernelAllows()
{
    int somaxconn = kBurst;
    std::ifstream("/proc/sys/net/core/somaxconn") >> somaxconn;
    return std::min(kBurst, somaxconn);
}

} // namespace

class ListenerTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(ListenerTest);
    CPPUNIT_TEST(testABurstOfConnectionsWaitsForAccept);
    CPPUNIT_TEST_SUITE_END();

public:
    void testABurstOfConnectionsWaitsForAccept()
    {
        Poco::Net::ServerSocket listener = listenOn(Poco::Net::SocketAddress("127.0.0.1", 0));
        // Nobody accepts: each connect completes only if the kernel queues it. One the backlog has no
        // room for would be dropped and its connect() would block, then fail (ETIMEDOUT).
        std::size_t burst = static_cast<std::size_t>(burstThisKernelAllows());
        Test::RawConnections connections(listener.address().port(), burst);
        CPPUNIT_ASSERT_EQUAL(burst, connections.size());
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), connections.countClosedByServer());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ListenerTest);

} // namespace AlertGate
