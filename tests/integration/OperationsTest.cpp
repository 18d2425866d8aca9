#include "Payloads.h"
#include "TestGateway.h"

#include <cppunit/extensions/HelperMacros.h>

#include <regex>
#include <thread>
#include <vector>

namespace AlertGate::Test {

namespace {

std::int64_t metricValue(const std::string& metrics, const std::string& series)
{
    std::smatch match;
    std::string pattern = "\n" +
                          std::regex_replace(series, std::regex(R"([\\{}()\[\]\.\+\*\?\^\$\|])"), R"(\$&)") +
                          " ([0-9]+)";
    if (!std::regex_search(metrics, match, std::regex(pattern)))
        throw std::runtime_error("no series " + series);
    return std::stoll(match[1]);
}

} // namespace

class OperationsTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(OperationsTest);
    CPPUNIT_TEST(testHealthAndReadiness);
    CPPUNIT_TEST(testMetricsPassPromtool);
    CPPUNIT_TEST(testConcurrentWebhooksShareCommits);
    CPPUNIT_TEST(testLogsNeverShowSecrets);
    CPPUNIT_TEST_SUITE_END();

public:
    void testHealthAndReadiness()
    {
        TestGateway gateway;
        gateway.start();
        HttpResult healthy = gateway.get("/-/healthy", {});
        CPPUNIT_ASSERT_EQUAL(200, healthy.status);
        CPPUNIT_ASSERT_EQUAL(200, gateway.get("/-/ready", {}).status);
        CPPUNIT_ASSERT_EQUAL(405, httpRequest(gateway.port(), "POST", "/-/ready", {}, "x").status);
    }

    void testMetricsPassPromtool()
    {
        TestGateway gateway;
        gateway.start();
        CPPUNIT_ASSERT_EQUAL(
            200, gateway.post(webhookBody({diskAlert("00000000000000c1", "pi:9100", "critical")})).status);
        CPPUNIT_ASSERT_EQUAL(
            200, gateway.post(webhookBody({diskAlert("00000000000000c2", "nas:9100", "weird\"sev")})).status);
        CPPUNIT_ASSERT_EQUAL(401, gateway.post("{}", {{"Content-Type", "application/json"}}).status);
        HttpResult metrics = gateway.get("/metrics", {});
        CPPUNIT_ASSERT_EQUAL(200, metrics.status);
        CPPUNIT_ASSERT_EQUAL(
            std::int64_t(2),
            metricValue(metrics.body, "alertgate_notifications_received_total{result=\"accepted\"}"));
        CPPUNIT_ASSERT_EQUAL(
            std::int64_t(1),
            metricValue(metrics.body, "alertgate_webhook_rejections_total{reason=\"unauthorized\"}"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1),
                             metricValue(metrics.body, "alertgate_active_alerts{severity=\"critical\"}"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1),
                             metricValue(metrics.body, "alertgate_active_alerts{severity=\"weird\\\"sev\"}"));
        CPPUNIT_ASSERT(metricValue(metrics.body, "alertgate_store_size_bytes") > 0);

        TempDir dir;
        std::string file = dir.write("metrics.txt", metrics.body);
        CommandResult check = runCommand("/bin/sh", {"-c", "promtool check metrics < " + file});
        CPPUNIT_ASSERT_EQUAL_MESSAGE("promtool (Debian package prometheus) said: " + check.out + check.err, 0,
                                     check.exitCode);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(check.out + check.err, std::string(), check.out + check.err);
    }

    void testConcurrentWebhooksShareCommits()
    {
        TestGateway gateway;
        gateway.start();
        constexpr int kClients = 8, kEach = 25;
        std::vector<std::thread> clients;
        std::vector<int> failures(kClients, 0);
        for (int c = 0; c < kClients; ++c)
            clients.emplace_back([&, c] {
                for (int i = 0; i < kEach; ++i)
                {
                    char fingerprint[17];
                    std::snprintf(fingerprint, sizeof fingerprint, "%08x%08x", c, i);
                    if (gateway.post(webhookBody({diskAlert(fingerprint, "host", "warning")})).status != 200)
                        ++failures[c];
                }
            });
        for (auto& client : clients)
            client.join();
        for (int f : failures)
            CPPUNIT_ASSERT_EQUAL(0, f);
        std::string metrics = gateway.get("/metrics", {}).body;
        std::int64_t commits = metricValue(metrics, "alertgate_store_commit_duration_seconds_count");
        CPPUNIT_ASSERT_EQUAL(std::int64_t(kClients * kEach), gateway.countRows("notifications"));
        CPPUNIT_ASSERT_MESSAGE("every notification had a commit of its own: " + std::to_string(commits),
                               commits < kClients * kEach);
    }

    void testLogsNeverShowSecrets()
    {
        TestGateway gateway("[log]\nlevel = debug\n");
        gateway.start();
        gateway.post("{}", {{"Content-Type", "application/json"}, {"Authorization", "Bearer wrong-guess"}});
        gateway.post(webhookBody({diskAlert("00000000000000d1", "pi:9100", "critical")}));
        gateway.post("{}", {{"Content-Type", "application/json"},
                            {"Authorization", "Basic YWxlcnRtYW5hZ2VyOmh1bnRlcjI="}});
        gateway.process().terminate();
        std::string log = gateway.process().log();
        for (const char* secret : {"s3cret", "hunter2", "YWxlcnRtYW5hZ2VyOmh1bnRlcjI=", "wrong-guess"})
            CPPUNIT_ASSERT_MESSAGE(std::string(secret) + " in the log:\n" + log,
                                   log.find(secret) == std::string::npos);
        CPPUNIT_ASSERT(log.find("missing or wrong credentials") != std::string::npos);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(OperationsTest);

} // namespace AlertGate::Test
