#include "Contains.h"
#include "Payloads.h"
#include "TestGateway.h"

#include <cppunit/extensions/HelperMacros.h>

#include <cstdio>

namespace AlertGate::Test {

namespace {

// A group as Alertmanager sends it with max_alerts at its default (0, unlimited): every alert of a
// disk rule across a fleet, about 600 bytes each.
std::string fleetGroup(std::size_t alerts)
{
    std::vector<TestAlert> group;
    for (std::size_t i = 0; i < alerts; ++i)
    {
        char fingerprint[17];
        std::snprintf(fingerprint, sizeof fingerprint, "%016zx", i);
        std::string instance = "node-" + std::to_string(10000 + i) + ".example.internal:9100";
        TestAlert alert;
        alert.fingerprint = fingerprint;
        alert.labels = {{"alertname", "DiskUsage"},
                        {"device", "/dev/mmcblk0p2"},
                        {"fstype", "ext4"},
                        {"instance", instance},
                        {"job", "node"},
                        {"mountpoint", "/"},
                        {"severity", "warning"}};
        alert.annotations = {{"summary", "Disk usage above 70%"},
                             {"description", "Disk usage on " + instance +
                                                 " mountpoint / is above 70% (currently 74.2%). "
                                                 "Free some space or grow the file system."}};
        group.push_back(alert);
    }
    return webhookBody(group);
}

} // namespace

/// Alertmanager never retries a 4xx, so a large group must be taken, and a body refused for its size
/// must be answered in a way its sender can read (drained, not reset).
class LargeGroupTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(LargeGroupTest);
    CPPUNIT_TEST(testGroupOfTwoThousandAlertsIsStoredWithTheDefaults);
    CPPUNIT_TEST(testRefusedBodyIsAnsweredAndReadable);
    CPPUNIT_TEST_SUITE_END();

public:
    void testGroupOfTwoThousandAlertsIsStoredWithTheDefaults()
    {
        TestGateway gateway;
        gateway.start();
        const std::string body = fleetGroup(2000);
        CPPUNIT_ASSERT_MESSAGE(std::to_string(body.size()), body.size() > 1024 * 1024);
        HttpResult result = gateway.post(body);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(result.body, 200, result.status);
        CPPUNIT_ASSERT(contains(result.body, "\"changes\":2000"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(2000), gateway.countRows("alerts"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), gateway.countRows("notifications"));
    }

    void testRefusedBodyIsAnsweredAndReadable()
    {
        TestGateway gateway("[http]\nmax_body_size = 1MiB\n");
        gateway.start();
        // 20,000 alerts, about 12MB: more than loopback's socket buffers hold (4MB to send, 6MB to
        // receive), so the client is still writing when the 413 is sent. It writes the whole body before
        // it reads anything: had the server closed without reading, the write would fail with a reset.
        const std::string body = fleetGroup(20000);
        CPPUNIT_ASSERT(body.size() > 10 * 1024 * 1024);
        HttpResult result = gateway.post(body);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(result.body, 413, result.status);
        CPPUNIT_ASSERT_MESSAGE(result.body, contains(result.body, "http.max_body_size (1048576 bytes)"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), gateway.countRows("notifications"));
        CPPUNIT_ASSERT_EQUAL(200, gateway.get("/-/healthy").status);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(LargeGroupTest);

} // namespace AlertGate::Test
