#include "Payloads.h"
#include "TestGateway.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <cppunit/extensions/HelperMacros.h>

namespace AlertGate::Test {

namespace {

Poco::JSON::Array::Ptr jsonArray(const std::string& text)
{
    return Poco::JSON::Parser().parse(text).extract<Poco::JSON::Array::Ptr>();
}

std::string field(const Poco::JSON::Array::Ptr& array, unsigned index, const std::string& name)
{
    return array->getObject(index)->getValue<std::string>(name);
}

} // namespace

class HistoryApiTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(HistoryApiTest);
    CPPUNIT_TEST(testFiltersOverHttpAndCli);
    CPPUNIT_TEST(testActiveAlerts);
    CPPUNIT_TEST(testBadFiltersAreClearErrors);
    CPPUNIT_TEST(testHostileLabelIsDataNotSql);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override
    {
        _gateway = std::make_unique<TestGateway>();
        _gateway->start();
        TestAlert critical = diskAlert("00000000000000e1", "pi:9100", "critical");
        TestAlert warning = diskAlert("00000000000000e2", "nas:9100", "warning");
        CPPUNIT_ASSERT_EQUAL(200, _gateway->post(webhookBody({critical, warning})).status);
        warning.status = "resolved";
        CPPUNIT_ASSERT_EQUAL(200, _gateway->post(webhookBody({critical, warning})).status);
    }

    void tearDown() override { _gateway.reset(); }

    void testFiltersOverHttpAndCli()
    {
        auto all = jsonArray(_gateway->get("/api/v1/history?since=1h").body);
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), all->size());
        auto resolved = jsonArray(_gateway->get("/api/v1/history?status=resolved").body);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), resolved->size());
        CPPUNIT_ASSERT_EQUAL(std::string("nas:9100"),
                             resolved->getObject(0)->getObject("labels")->getValue<std::string>("instance"));
        auto byLabel =
            jsonArray(_gateway->get("/api/v1/history?label=instance%3Dpi%3A9100&severity=critical").body);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), byLabel->size());
        auto newest = jsonArray(_gateway->get("/api/v1/history?limit=1").body);
        CPPUNIT_ASSERT_EQUAL(std::string("resolved"), field(newest, 0, "status"));
        CPPUNIT_ASSERT_EQUAL(
            std::size_t(0),
            jsonArray(_gateway->get("/api/v1/history?until=2000-01-01T00:00:00Z").body)->size());

        CommandResult csv =
            _gateway->history({"--alertname", "DiskUsage", "--status", "firing", "--format", "csv"});
        CPPUNIT_ASSERT_EQUAL_MESSAGE(csv.err, 0, csv.exitCode);
        CPPUNIT_ASSERT_EQUAL(std::size_t(3),
                             static_cast<std::size_t>(std::count(csv.out.begin(), csv.out.end(), '\n')));
        CommandResult table = _gateway->history({"--since", "24h"});
        CPPUNIT_ASSERT(table.out.find("3 events") != std::string::npos);
        CPPUNIT_ASSERT(table.out.find("instance=nas:9100") != std::string::npos);
    }

    void testActiveAlerts()
    {
        auto active = jsonArray(_gateway->get("/api/v1/alerts").body);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), active->size());
        CPPUNIT_ASSERT_EQUAL(std::string("00000000000000e1"), field(active, 0, "fingerprint"));
        CPPUNIT_ASSERT_EQUAL(401, _gateway->get("/api/v1/alerts", {}).status);
    }

    void testBadFiltersAreClearErrors()
    {
        HttpResult bad = _gateway->get("/api/v1/history?since=yesterday");
        CPPUNIT_ASSERT_EQUAL(400, bad.status);
        CPPUNIT_ASSERT(bad.body.find("invalid value \\\"yesterday\\\" for since") != std::string::npos ||
                       bad.body.find("invalid value \"yesterday\" for since") != std::string::npos);
        CPPUNIT_ASSERT_EQUAL(400, _gateway->get("/api/v1/history?colour=red").status);
        CommandResult cli = _gateway->history({"--limit", "many"});
        CPPUNIT_ASSERT_EQUAL(2, cli.exitCode);
        CPPUNIT_ASSERT_MESSAGE(cli.err,
                               cli.err.find("invalid value \"many\" for limit") != std::string::npos);
        CommandResult format = _gateway->history({"--format", "xml"});
        CPPUNIT_ASSERT_EQUAL(2, format.exitCode);
    }

    void testHostileLabelIsDataNotSql()
    {
        TestAlert hostile = diskAlert("00000000000000e3", "x' OR '1'='1", "critical");
        hostile.labels["note"] = "line1\r\nBcc: evil@example.com\x1b[31m";
        CPPUNIT_ASSERT_EQUAL(200, _gateway->post(webhookBody({hostile})).status);
        auto found = jsonArray(_gateway->get("/api/v1/history?label=instance%3Dx'%20OR%20'1'%3D'1").body);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), found->size());
        CPPUNIT_ASSERT_EQUAL(hostile.labels["note"],
                             found->getObject(0)->getObject("labels")->getValue<std::string>("note"));
        CommandResult table = _gateway->history({"--label", "instance=x' OR '1'='1"});
        CPPUNIT_ASSERT(table.out.find("1 event") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(table.out, table.out.find('\x1b') == std::string::npos &&
                                              table.out.find('\r') == std::string::npos);
    }

private:
    std::unique_ptr<TestGateway> _gateway;
};

CPPUNIT_TEST_SUITE_REGISTRATION(HistoryApiTest);

} // namespace AlertGate::Test
