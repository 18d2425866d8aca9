#include "metrics/Metrics.h"

#include "core/Version.h"

#include <cppunit/extensions/HelperMacros.h>

#include <iterator>
#include <set>
#include <sstream>
#include <vector>

namespace AlertGate {

namespace {

std::string render(const Metrics& metrics, const Metrics::StoreGauges& gauges = {})
{
    std::ostringstream out;
    metrics.render(out, gauges);
    return out.str();
}

std::vector<std::string> lines(const std::string& text)
{
    std::vector<std::string> result;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        result.push_back(line);
    return result;
}

bool hasLine(const std::string& text, const std::string& line)
{
    for (const auto& l : lines(text))
        if (l == line)
            return true;
    return false;
}

// The value of the sample whose name and labels are exactly series; fails when there is none.
std::string sample(const std::string& text, const std::string& series)
{
    for (const auto& l : lines(text))
        if (l.rfind(series + " ", 0) == 0)
            return l.substr(series.size() + 1);
    CPPUNIT_FAIL("no sample " + series + " in:\n" + text);
    return {};
}

const char* kBounds[] = {"0.0005", "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05",
                         "0.1",    "0.25",  "0.5",    "1",     "2.5",  "5",     "10"};

std::string bucket(const char* le)
{
    return "alertgate_store_commit_duration_seconds_bucket{le=\"" + std::string(le) + "\"}";
}

} // namespace

class MetricsTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(MetricsTest);
    CPPUNIT_TEST(testEverySampleHasHelpAndType);
    CPPUNIT_TEST(testBuildInfo);
    CPPUNIT_TEST(testReceivedCounters);
    CPPUNIT_TEST(testRejectionCounters);
    CPPUNIT_TEST(testCommittedNotifications);
    CPPUNIT_TEST(testHistogramCumulative);
    CPPUNIT_TEST(testHistogramBoundaryInclusive);
    CPPUNIT_TEST(testStoreGauges);
    CPPUNIT_TEST(testSeverityLabelEscaped);
    CPPUNIT_TEST_SUITE_END();

public:
    void testEverySampleHasHelpAndType()
    {
        Metrics metrics;
        metrics.observeCommit(0.01, 1);
        std::string text = render(metrics, {{{"critical", 1}}, 10, true, {}});
        std::set<std::string> help, typed;
        for (const auto& l : lines(text))
        {
            CPPUNIT_ASSERT_MESSAGE("empty line", !l.empty());
            if (l.rfind("# HELP ", 0) == 0)
                help.insert(l.substr(7, l.find(' ', 7) - 7));
            else if (l.rfind("# TYPE ", 0) == 0)
            {
                std::string name = l.substr(7, l.find(' ', 7) - 7);
                CPPUNIT_ASSERT_MESSAGE("TYPE before HELP: " + l, help.count(name) == 1);
                typed.insert(name);
            }
            else
            {
                std::string name = l.substr(0, l.find_first_of("{ "));
                for (const char* suffix : {"_bucket", "_sum", "_count"})
                {
                    std::string s = suffix;
                    if (name.size() > s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0 &&
                        typed.count(name.substr(0, name.size() - s.size())))
                        name = name.substr(0, name.size() - s.size());
                }
                CPPUNIT_ASSERT_MESSAGE("no TYPE for " + l, typed.count(name) == 1);
            }
        }
        CPPUNIT_ASSERT(hasLine(text, "# TYPE alertgate_notifications_received_total counter"));
        CPPUNIT_ASSERT(hasLine(text, "# TYPE alertgate_webhook_rejections_total counter"));
        CPPUNIT_ASSERT(hasLine(text, "# TYPE alertgate_store_commit_duration_seconds histogram"));
        CPPUNIT_ASSERT(hasLine(text, "# TYPE alertgate_active_alerts gauge"));
        CPPUNIT_ASSERT_EQUAL('\n', text.back());
    }

    void testBuildInfo()
    {
        CPPUNIT_ASSERT(
            hasLine(render(Metrics()), "alertgate_build_info{version=\"" + std::string(kVersion) + "\"} 1"));
    }

    void testReceivedCounters()
    {
        Metrics metrics;
        metrics.countReceived(Metrics::Received::Accepted);
        metrics.countReceived(Metrics::Received::Accepted);
        metrics.countReceived(Metrics::Received::Rejected);
        std::string text = render(metrics);
        CPPUNIT_ASSERT_EQUAL(std::string("2"),
                             sample(text, "alertgate_notifications_received_total{result=\"accepted\"}"));
        CPPUNIT_ASSERT_EQUAL(std::string("1"),
                             sample(text, "alertgate_notifications_received_total{result=\"rejected\"}"));
        CPPUNIT_ASSERT_EQUAL(std::string("0"),
                             sample(text, "alertgate_notifications_received_total{result=\"unavailable\"}"));
    }

    void testRejectionCounters()
    {
        Metrics metrics;
        metrics.countRejection(Metrics::Rejection::Unauthorized);
        metrics.countRejection(Metrics::Rejection::UnsupportedMediaType);
        metrics.countRejection(Metrics::Rejection::UnsupportedMediaType);
        std::string text = render(metrics);
        CPPUNIT_ASSERT_EQUAL(std::string("1"),
                             sample(text, "alertgate_webhook_rejections_total{reason=\"unauthorized\"}"));
        CPPUNIT_ASSERT_EQUAL(
            std::string("2"),
            sample(text, "alertgate_webhook_rejections_total{reason=\"unsupported_media_type\"}"));
        CPPUNIT_ASSERT_EQUAL(std::string("0"),
                             sample(text, "alertgate_webhook_rejections_total{reason=\"invalid_json\"}"));
        CPPUNIT_ASSERT_EQUAL(std::string("payload_too_large"),
                             std::string(Metrics::name(Metrics::Rejection::PayloadTooLarge)));
        CPPUNIT_ASSERT_EQUAL(std::string("invalid_encoding"),
                             std::string(Metrics::name(Metrics::Rejection::InvalidEncoding)));
    }

    void testCommittedNotifications()
    {
        Metrics metrics;
        metrics.observeCommit(0.003, 5);
        metrics.observeCommit(0.2, 2);
        CPPUNIT_ASSERT_EQUAL(std::string("7"),
                             sample(render(metrics), "alertgate_store_committed_notifications_total"));
    }

    void testHistogramCumulative()
    {
        Metrics metrics;
        for (double seconds : {0.0004, 0.003, 0.003, 0.2, 20.0})
            metrics.observeCommit(seconds, 1);
        std::string text = render(metrics);
        const char* expected[] = {"1", "1", "1", "3", "3", "3", "3", "3", "4", "4", "4", "4", "4", "4"};
        long previous = 0;
        for (std::size_t i = 0; i < std::size(kBounds); ++i)
        {
            std::string value = sample(text, bucket(kBounds[i]));
            CPPUNIT_ASSERT_EQUAL_MESSAGE(kBounds[i], std::string(expected[i]), value);
            CPPUNIT_ASSERT(std::stol(value) >= previous);
            previous = std::stol(value);
        }
        CPPUNIT_ASSERT_EQUAL(std::string("5"), sample(text, bucket("+Inf")));
        CPPUNIT_ASSERT_EQUAL(sample(text, bucket("+Inf")),
                             sample(text, "alertgate_store_commit_duration_seconds_count"));
        CPPUNIT_ASSERT_DOUBLES_EQUAL(
            20.2064, std::stod(sample(text, "alertgate_store_commit_duration_seconds_sum")), 1e-9);
    }

    void testHistogramBoundaryInclusive()
    {
        Metrics metrics;
        metrics.observeCommit(0.1, 1);
        std::string text = render(metrics);
        CPPUNIT_ASSERT_EQUAL(std::string("0"), sample(text, bucket("0.05")));
        CPPUNIT_ASSERT_EQUAL(std::string("1"), sample(text, bucket("0.1")));
        CPPUNIT_ASSERT_EQUAL(std::string("1"), sample(text, bucket("+Inf")));
    }

    void testStoreGauges()
    {
        std::string text = render(Metrics(), {{}, 123456789, true, {}});
        CPPUNIT_ASSERT_EQUAL(std::string("123456789"), sample(text, "alertgate_store_size_bytes"));
        CPPUNIT_ASSERT_EQUAL(std::string("1"), sample(text, "alertgate_store_writable"));
        CPPUNIT_ASSERT_EQUAL(std::string("0"),
                             sample(render(Metrics(), {{}, 0, false, {}}), "alertgate_store_writable"));
    }

    void testSeverityLabelEscaped()
    {
        Metrics::StoreGauges gauges;
        gauges.activeAlertsBySeverity = {{"critical", 2}, {"a\"b", 3}, {"c\\d", 4}, {"e\nf", 5}, {"", 6}};
        std::string text = render(Metrics(), gauges);
        CPPUNIT_ASSERT_EQUAL(std::string("2"),
                             sample(text, "alertgate_active_alerts{severity=\"critical\"}"));
        CPPUNIT_ASSERT_EQUAL(std::string("3"), sample(text, "alertgate_active_alerts{severity=\"a\\\"b\"}"));
        CPPUNIT_ASSERT_EQUAL(std::string("4"), sample(text, "alertgate_active_alerts{severity=\"c\\\\d\"}"));
        CPPUNIT_ASSERT_EQUAL(std::string("5"), sample(text, "alertgate_active_alerts{severity=\"e\\nf\"}"));
        CPPUNIT_ASSERT_EQUAL(std::string("6"), sample(text, "alertgate_active_alerts{severity=\"\"}"));
        for (const auto& l : lines(text))
            CPPUNIT_ASSERT_MESSAGE("stray line: " + l,
                                   l.rfind("# ", 0) == 0 || l.rfind("alertgate_", 0) == 0);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(MetricsTest);

} // namespace AlertGate
