#include "Contains.h"
#include "Eventually.h"
#include "SlowLorisClient.h"
#include "TestGateway.h"

#include <cppunit/extensions/HelperMacros.h>

#include <memory>
#include <vector>

namespace AlertGate::Test {

namespace {

constexpr int kRequestTimeoutS = 15;
constexpr std::size_t kWorkers = 2;
constexpr std::size_t kTricklers = 3 * kWorkers;

// A complete head, then a body that would take minutes at one byte per interval.
std::string tricklingRequest()
{
    return "POST /api/v1/alertmanager HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer s3cret\r\n"
           "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{\"version\":\"4\"" +
           std::string(100000, ' ');
}

} // namespace

/// Fault: clients that send a complete head and then their body a byte at a time, more of them than
/// there are workers, hold no worker: an ordinary webhook is stored while they are still trickling,
/// and each is cut off with a 408 at http.request_timeout, counted from its first byte.
class TricklingBodyTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(TricklingBodyTest);
    CPPUNIT_TEST(testTricklingBodiesDoNotDelayOthersAndAreCutOff);
    CPPUNIT_TEST_SUITE_END();

public:
    void testTricklingBodiesDoNotDelayOthersAndAreCutOff()
    {
        TestGateway gateway("[http]\nmax_connections = " + std::to_string(kWorkers) +
                            "\nrequest_timeout = " + std::to_string(kRequestTimeoutS) + "s\n");
        gateway.start();
        const std::string request = tricklingRequest();
        const std::size_t intoBody = request.find("\r\n\r\n") + 4 + 3;
        std::vector<std::unique_ptr<SlowLorisClient>> tricklers;
        for (std::size_t i = 0; i < kTricklers; ++i)
            tricklers.push_back(
                std::make_unique<SlowLorisClient>(gateway.port(), std::chrono::milliseconds(5), request));
        // Fast through the head, then slow: each has its head sent and is trickling its body.
        CPPUNIT_ASSERT(eventually(
            [&] {
                for (auto& trickler : tricklers)
                    if (trickler->bytesSent() < intoBody)
                        return false;
                return true;
            },
            kRequestTimeoutS * 1000));
        for (auto& trickler : tricklers)
            trickler->slowDown(std::chrono::milliseconds(1000));

        HttpResult ordinary = gateway.replay("disk-critical-firing");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(ordinary.body, 200, ordinary.status);
        // The order of events, not latency: the ordinary webhook was stored while every trickler
        // was still connected and sending.
        for (auto& trickler : tricklers)
            CPPUNIT_ASSERT_MESSAGE(gateway.process().log(), !trickler->closed());

        for (auto& trickler : tricklers)
        {
            CPPUNIT_ASSERT(trickler->waitUntilClosed(4 * kRequestTimeoutS * 1000));
            CPPUNIT_ASSERT_MESSAGE(trickler->received(),
                                   trickler->received().rfind("HTTP/1.1 408 Request Timeout", 0) == 0);
            CPPUNIT_ASSERT(contains(trickler->received(), "http.request_timeout"));
        }
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), gateway.countRows("notifications"));
        CPPUNIT_ASSERT(contains(gateway.process().log(), "not complete within http.request_timeout"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(TricklingBodyTest);

} // namespace AlertGate::Test
