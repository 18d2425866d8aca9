#include "Contains.h"
#include "Eventually.h"
#include "FakeSlackServer.h"
#include "Payloads.h"
#include "TestCertificates.h"
#include "TestGateway.h"

#include <cppunit/extensions/HelperMacros.h>

#include <sys/stat.h>

namespace AlertGate::Test {

namespace {

const std::string kHookPath = "/services/T000/B000/RETENTION";
const int kResolvedAlerts = 150;

std::int64_t fileSize(const std::string& path)
{
    struct stat info
    {
    };
    return ::stat(path.c_str(), &info) == 0 ? static_cast<std::int64_t>(info.st_size) : -1;
}

TestAlert alertNumber(int number, const std::string& status)
{
    TestAlert alert =
        diskAlert("b" + std::to_string(10000 + number), "host" + std::to_string(number) + ":9100", "warning");
    alert.status = status;
    alert.annotations["description"] = std::string(400, 'x');
    return alert;
}

} // namespace

/// store.retention of seconds: old history goes, firing alerts stay, the file shrinks.
class RetentionTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(RetentionTest);
    CPPUNIT_TEST(testOldHistoryGoesFiringAlertsStayFileShrinks);
    CPPUNIT_TEST_SUITE_END();

public:
    void testOldHistoryGoesFiringAlertsStayFileShrinks()
    {
        TestCertificates certificates;
        FakeSlackServer slack("[]", &certificates);
        auto ini = [&](const std::string& retention) {
            return "[slack]\nwebhook_url = " + slack.url(kHookPath) + "\nca_file = " + certificates.caFile() +
                   "\n[store]\nretention = " + retention + "\n";
        };
        TestGateway gateway(ini("0s"));
        gateway.start();
        // One alert that keeps firing, and many that fired and resolved; each a group of its own.
        CPPUNIT_ASSERT_EQUAL(200, gateway.post(webhookBody({alertNumber(0, "firing")})).status);
        for (int i = 1; i <= kResolvedAlerts; ++i)
            for (const char* status : {"firing", "resolved"})
                CPPUNIT_ASSERT_EQUAL(200, gateway.post(webhookBody({alertNumber(i, status)})).status);
        CPPUNIT_ASSERT_MESSAGE(gateway.process().log(),
                               eventually([&] { return gateway.allOutboxIn("slack", "delivered"); }, 60000));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1 + 2 * kResolvedAlerts), gateway.countRows("alert_events"));
        // A clean stop copies the WAL into the file: its size with everything in it.
        gateway.restart();
        std::int64_t before = fileSize(gateway.storePath());

        gateway.rewriteConfig(gateway.webhookSection("s3cret") + ini("2s"));
        gateway.restart();
        CPPUNIT_ASSERT_MESSAGE(
            gateway.process().log(),
            eventually(
                [&] { return gateway.countRows("notifications") == 1 && gateway.countRows("alerts") == 1; },
                60000));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), gateway.countRows("alert_events"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), gateway.countRows("outbox"));
        CPPUNIT_ASSERT(gateway.texts("SELECT fingerprint || ' ' || status FROM alerts") ==
                       std::vector<std::string>{"b10000 firing"});
        CPPUNIT_ASSERT(gateway.texts("SELECT fingerprint FROM alert_events") ==
                       std::vector<std::string>{"b10000"});
        HttpResult metrics = gateway.get("/metrics");
        CPPUNIT_ASSERT_MESSAGE(
            metrics.body,
            contains(metrics.body, "alertgate_store_pruned_rows_total{table=\"alert_events\"} " +
                                       std::to_string(2 * kResolvedAlerts)));
        CPPUNIT_ASSERT_MESSAGE(metrics.body, contains(metrics.body, "alertgate_store_size_bytes "));
        // The pass gives the freed pages back after its deletes; a stop ends it early. Wait for it.
        CPPUNIT_ASSERT_MESSAGE(
            gateway.process().log(),
            eventually(
                [&] { return gateway.texts("PRAGMA freelist_count") == std::vector<std::string>{"0"}; },
                60000));
        // Still answering webhooks, and what is new is kept.
        CPPUNIT_ASSERT_EQUAL(200,
                             gateway.post(webhookBody({alertNumber(kResolvedAlerts + 1, "firing")})).status);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(2), gateway.countRows("alert_events"));

        gateway.restart();
        std::int64_t after = fileSize(gateway.storePath());
        CPPUNIT_ASSERT_MESSAGE(std::to_string(before) + " -> " + std::to_string(after), after < before / 2);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RetentionTest);

} // namespace AlertGate::Test
