#include "store/HistoryFilter.h"

#include "core/Rfc3339.h"

#include <cppunit/extensions/HelperMacros.h>

namespace AlertGate {

namespace {

const std::int64_t kNow = *Rfc3339::parseMicros("2026-11-23T12:00:00Z");
const std::int64_t kHour = std::int64_t(3600) * 1000000;

HistoryFilter with(const std::string& name, const std::string& value)
{
    HistoryFilter filter;
    filter.set(name, value, kNow);
    return filter;
}

// set(name, value) must throw FilterError whose message contains every one of mentions.
void expectRejected(const std::string& name, const std::string& value, std::vector<std::string> mentions)
{
    HistoryFilter filter;
    try
    {
        filter.set(name, value, kNow);
    }
    catch (const FilterError& e)
    {
        for (const auto& m : mentions)
            CPPUNIT_ASSERT_MESSAGE(std::string(e.what()) + " lacks " + m,
                                   std::string(e.what()).find(m) != std::string::npos);
        return;
    }
    CPPUNIT_FAIL(name + "=" + value + " accepted");
}

} // namespace

class HistoryFilterTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(HistoryFilterTest);
    CPPUNIT_TEST(testDefaults);
    CPPUNIT_TEST(testNames);
    CPPUNIT_TEST(testSinceDurationCountsBackFromNow);
    CPPUNIT_TEST(testUntilDuration);
    CPPUNIT_TEST(testSinceAndUntilRfc3339);
    CPPUNIT_TEST(testBadTimeRejected);
    CPPUNIT_TEST(testHugeDurationNeverPointsIntoTheFuture);
    CPPUNIT_TEST(testStatus);
    CPPUNIT_TEST(testSeverityAndAlertname);
    CPPUNIT_TEST(testLabelRepeatable);
    CPPUNIT_TEST(testBadLabelRejected);
    CPPUNIT_TEST(testLimitBounds);
    CPPUNIT_TEST(testOverlongValueRejected);
    CPPUNIT_TEST(testUnknownFilterRejected);
    CPPUNIT_TEST_SUITE_END();

public:
    void testDefaults()
    {
        HistoryFilter filter;
        CPPUNIT_ASSERT_EQUAL(100, filter.limit);
        CPPUNIT_ASSERT(!filter.sinceMicros && !filter.untilMicros && !filter.status && !filter.severity &&
                       !filter.alertname && filter.labels.empty());
    }

    void testNames()
    {
        CPPUNIT_ASSERT((std::vector<std::string>{"since", "until", "status", "severity", "alertname", "label",
                                                 "limit"}) == HistoryFilter::names());
    }

    void testSinceDurationCountsBackFromNow()
    {
        CPPUNIT_ASSERT_EQUAL(kNow - 24 * kHour, *with("since", "24h").sinceMicros);
        CPPUNIT_ASSERT_EQUAL(kNow - kHour - kHour / 2, *with("since", "1h30m").sinceMicros);
        CPPUNIT_ASSERT_EQUAL(kNow - 7 * 24 * kHour, *with("since", "7d").sinceMicros);
        CPPUNIT_ASSERT(!with("since", "24h").untilMicros);
    }

    void testUntilDuration()
    {
        CPPUNIT_ASSERT_EQUAL(kNow - kHour / 2, *with("until", "30m").untilMicros);
        CPPUNIT_ASSERT(!with("until", "30m").sinceMicros);
    }

    void testSinceAndUntilRfc3339()
    {
        CPPUNIT_ASSERT_EQUAL(kNow - 4 * kHour, *with("since", "2026-11-23T08:00:00Z").sinceMicros);
        CPPUNIT_ASSERT_EQUAL(kNow - 4 * kHour, *with("since", "2026-11-23T17:00:00+09:00").sinceMicros);
        CPPUNIT_ASSERT_EQUAL(kNow + 500000, *with("until", "2026-11-23T12:00:00.5Z").untilMicros);
    }

    void testBadTimeRejected()
    {
        expectRejected("since", "yesterday", {"since", "\"yesterday\""});
        expectRejected("until", "10", {"until", "\"10\""});
        expectRejected("since", "2026-11-23", {"since", "\"2026-11-23\""});
        expectRejected("since", "", {"since"});
    }

    void testHugeDurationNeverPointsIntoTheFuture()
    {
        // 10^13 s is a valid duration, but 10^19 microseconds does not fit an int64: refusing it is
        // fine, wrapping around into a time after now is not.
        HistoryFilter filter;
        try
        {
            filter.set("since", "10000000000000s", kNow);
        }
        catch (const FilterError&)
        {
            return;
        }
        CPPUNIT_ASSERT(*filter.sinceMicros <= kNow);
    }

    void testStatus()
    {
        CPPUNIT_ASSERT_EQUAL(std::string("firing"), *with("status", "firing").status);
        CPPUNIT_ASSERT_EQUAL(std::string("resolved"), *with("status", "resolved").status);
        expectRejected("status", "pending", {"status", "\"pending\""});
        expectRejected("status", "Firing", {"status", "\"Firing\""});
    }

    void testSeverityAndAlertname()
    {
        CPPUNIT_ASSERT_EQUAL(std::string("critical"), *with("severity", "critical").severity);
        CPPUNIT_ASSERT_EQUAL(std::string("DiskUsage"), *with("alertname", "DiskUsage").alertname);
        expectRejected("severity", "", {"severity"});
        expectRejected("alertname", "", {"alertname"});
    }

    void testLabelRepeatable()
    {
        HistoryFilter filter;
        filter.set("label", "instance=pi:9100", kNow);
        filter.set("label", "job=node", kNow);
        filter.set("label", "query=a=b", kNow);
        CPPUNIT_ASSERT((std::vector<std::pair<std::string, std::string>>{
                           {"instance", "pi:9100"}, {"job", "node"}, {"query", "a=b"}}) == filter.labels);
    }

    void testBadLabelRejected()
    {
        expectRejected("label", "noequals", {"label", "\"noequals\""});
        expectRejected("label", "=value", {"label", "\"=value\""});
        expectRejected("label", "1st=value", {"label", "\"1st=value\""});
        expectRejected("label", "bad-name=value", {"label", "\"bad-name=value\""});
        expectRejected("label", "a b=c", {"label", "\"a b=c\""});
    }

    void testLimitBounds()
    {
        CPPUNIT_ASSERT_EQUAL(1, with("limit", "1").limit);
        CPPUNIT_ASSERT_EQUAL(100000, with("limit", "100000").limit);
        expectRejected("limit", "0", {"limit", "\"0\"", "100000"});
        expectRejected("limit", "100001", {"limit", "\"100001\""});
        expectRejected("limit", "-5", {"limit", "\"-5\""});
        expectRejected("limit", "ten", {"limit", "\"ten\""});
        expectRejected("limit", "", {"limit"});
    }

    void testOverlongValueRejected()
    {
        CPPUNIT_ASSERT_EQUAL(std::string(1024, 'a'), *with("alertname", std::string(1024, 'a')).alertname);
        expectRejected("alertname", std::string(1025, 'a'), {"alertname", "1024"});
    }

    void testUnknownFilterRejected()
    {
        expectRejected("colour", "red", {"unknown filter", "\"colour\"", "since"});
        expectRejected("Since", "24h", {"unknown filter", "\"Since\""});
        // A hostile name cannot break the message into lines.
        try
        {
            HistoryFilter().set("x\ny", "1", kNow);
            CPPUNIT_FAIL("accepted");
        }
        catch (const FilterError& e)
        {
            CPPUNIT_ASSERT(std::string(e.what()).find('\n') == std::string::npos);
        }
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(HistoryFilterTest);

} // namespace AlertGate
