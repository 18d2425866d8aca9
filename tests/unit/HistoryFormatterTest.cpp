#include "format/HistoryFormatter.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <cppunit/extensions/HelperMacros.h>

#include <algorithm>
#include <sstream>

namespace AlertGate {

namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

const LabelSet kHostileLabels = {
    {"alertname", "Disk\x1B[2J\rUsage\nFAKE"},
    {"instance", "pi:9100\x1B]0;owned\x07"},
    {"note", "comma, \"quote\"\r\nnext line"},
    {"path", "C:\\temp\\"},
    {"severity", "crit\nical"},
    {"summary", "\xE3\x83\x87\xE3\x82\xA3\xE3\x82\xB9\xE3\x82\xAF \xF0\x9F\x98\x80"}};

HistoryEvent event()
{
    HistoryEvent e;
    e.id = 7;
    e.at = "2026-11-22T12:25:04.123Z";
    e.status = "firing";
    e.reason = "notified";
    e.alertname = "DiskUsage";
    e.severity = "critical";
    e.fingerprint = "f49deed79c9d117e";
    e.labels = {{"alertname", "DiskUsage"}, {"instance", "pi:9100"}, {"severity", "critical"}};
    e.annotations = {{"summary", "disk full"}};
    e.startsAt = "2026-11-22T12:24:41.796002151Z";
    e.generatorURL = "http://prometheus:9090/graph";
    e.notificationId = 3;
    e.receiver = "gw";
    e.groupKey = "{}:{alertname=\"DiskUsage\"}";
    e.truncatedAlerts = 0;
    return e;
}

HistoryEvent hostileEvent()
{
    HistoryEvent e = event();
    e.labels = kHostileLabels;
    e.annotations = kHostileLabels;
    e.alertname = kHostileLabels.at("alertname");
    e.severity = kHostileLabels.at("severity");
    return e;
}

std::string write(const std::vector<HistoryEvent>& events, HistoryFormatter::Format format)
{
    std::ostringstream out;
    HistoryFormatter::write(out, events, format);
    return out.str();
}

LabelSet labelsOf(const Object::Ptr& object)
{
    LabelSet labels;
    for (const auto& [name, value] : *object)
        labels.emplace(name, value.extract<std::string>());
    return labels;
}

} // namespace

class HistoryFormatterTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(HistoryFormatterTest);
    CPPUNIT_TEST(testParseFormat);
    CPPUNIT_TEST(testCsvPlainRow);
    CPPUNIT_TEST(testCsvQuotesCommasQuotesAndNewlines);
    CPPUNIT_TEST(testJsonFields);
    CPPUNIT_TEST(testJsonRoundTripsHostileLabels);
    CPPUNIT_TEST(testActiveJsonRoundTripsLabels);
    CPPUNIT_TEST(testTablePlain);
    CPPUNIT_TEST(testTableShowsReasonAlertmanagerDidNotGive);
    CPPUNIT_TEST(testTableNeutralisesControlCharacters);
    CPPUNIT_TEST_SUITE_END();

public:
    void testParseFormat()
    {
        HistoryFormatter::Format format = HistoryFormatter::Format::Table;
        CPPUNIT_ASSERT(HistoryFormatter::parseFormat("json", format));
        CPPUNIT_ASSERT(format == HistoryFormatter::Format::Json);
        CPPUNIT_ASSERT(HistoryFormatter::parseFormat("csv", format));
        CPPUNIT_ASSERT(format == HistoryFormatter::Format::Csv);
        CPPUNIT_ASSERT(HistoryFormatter::parseFormat("table", format));
        CPPUNIT_ASSERT(format == HistoryFormatter::Format::Table);
        CPPUNIT_ASSERT(!HistoryFormatter::parseFormat("xml", format));
        CPPUNIT_ASSERT(!HistoryFormatter::parseFormat("JSON", format));
        CPPUNIT_ASSERT(format == HistoryFormatter::Format::Table);
    }

    void testCsvPlainRow()
    {
        CPPUNIT_ASSERT_EQUAL(
            std::string("id,at,status,reason,alertname,severity,fingerprint,starts_at,ends_at,receiver,"
                        "truncated_alerts,"
                        "labels,annotations,deliveries\r\n"
                        "7,2026-11-22T12:25:04.123Z,firing,notified,DiskUsage,critical,f49deed79c9d117e,"
                        "2026-11-22T12:24:41.796002151Z,,gw,0,"
                        "\"{\"\"alertname\"\":\"\"DiskUsage\"\",\"\"instance\"\":\"\"pi:9100\"\","
                        "\"\"severity\"\":\"\"critical\"\"}\","
                        "\"{\"\"summary\"\":\"\"disk full\"\"}\",\r\n"),
            write({event()}, HistoryFormatter::Format::Csv));
    }

    void testCsvQuotesCommasQuotesAndNewlines()
    {
        HistoryEvent e = event();
        e.alertname = "Disk, \"big\"\nnow";
        e.severity = "a\rb";
        e.receiver = "plain";
        e.endsAt = "2026-11-22T13:00:00Z";
        std::string csv = write({e}, HistoryFormatter::Format::Csv);
        CPPUNIT_ASSERT_MESSAGE(csv,
                               csv.find(",notified,\"Disk, \"\"big\"\"\nnow\",\"a\rb\",f49deed79c9d117e,") !=
                                   std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(csv, csv.find(",2026-11-22T13:00:00Z,plain,0,") != std::string::npos);
    }

    void testJsonFields()
    {
        HistoryEvent resolved = event();
        resolved.endsAt = "2026-11-22T13:00:00Z";
        HistoryEvent noNotification = event();
        noNotification.notificationId.reset();
        std::string json = write({resolved, noNotification}, HistoryFormatter::Format::Json);
        auto array = Poco::JSON::Parser().parse(json).extract<Array::Ptr>();
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), array->size());
        auto first = array->getObject(0);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(7), first->getValue<std::int64_t>("id"));
        CPPUNIT_ASSERT_EQUAL(std::string("2026-11-22T12:25:04.123Z"), first->getValue<std::string>("at"));
        CPPUNIT_ASSERT_EQUAL(std::string("2026-11-22T13:00:00Z"), first->getValue<std::string>("endsAt"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(3), first->getValue<std::int64_t>("notificationId"));
        CPPUNIT_ASSERT_EQUAL(std::string("{}:{alertname=\"DiskUsage\"}"),
                             first->getValue<std::string>("groupKey"));
        CPPUNIT_ASSERT(first->isNull("endsAt") == false);
        auto second = array->getObject(1);
        CPPUNIT_ASSERT(second->has("endsAt") && second->isNull("endsAt"));
        CPPUNIT_ASSERT(second->has("notificationId") && second->isNull("notificationId"));
    }

    void testJsonRoundTripsHostileLabels()
    {
        std::string json = write({hostileEvent()}, HistoryFormatter::Format::Json);
        CPPUNIT_ASSERT_EQUAL('\n', json.back());
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), std::size_t(std::count(json.begin(), json.end(), '\n')));
        auto object = Poco::JSON::Parser().parse(json).extract<Array::Ptr>()->getObject(0);
        CPPUNIT_ASSERT(kHostileLabels == labelsOf(object->getObject("labels")));
        CPPUNIT_ASSERT(kHostileLabels == labelsOf(object->getObject("annotations")));
        CPPUNIT_ASSERT_EQUAL(kHostileLabels.at("alertname"), object->getValue<std::string>("alertname"));
    }

    void testActiveJsonRoundTripsLabels()
    {
        ActiveAlert a{"f49deed79c9d117e",
                      "DiskUsage",
                      "critical",
                      kHostileLabels,
                      {{"summary", "x\ty"}},
                      "2026-11-22T12:24:41Z",
                      "",
                      "2026-11-22T12:25:04.123Z",
                      "2026-11-22T13:25:04.123Z",
                      "silenced"};
        std::ostringstream out;
        HistoryFormatter::writeJson(out, {a});
        auto object = Poco::JSON::Parser().parse(out.str()).extract<Array::Ptr>()->getObject(0);
        CPPUNIT_ASSERT(kHostileLabels == labelsOf(object->getObject("labels")));
        CPPUNIT_ASSERT_EQUAL(std::string("x\ty"),
                             object->getObject("annotations")->getValue<std::string>("summary"));
        CPPUNIT_ASSERT_EQUAL(std::string("2026-11-22T13:25:04.123Z"),
                             object->getValue<std::string>("lastSeenAt"));
        CPPUNIT_ASSERT_EQUAL(std::string("silenced"), object->getValue<std::string>("suppressed"));
    }

    void testTableShowsReasonAlertmanagerDidNotGive()
    {
        HistoryEvent absent = event();
        absent.status = "resolved";
        absent.reason = "absent";
        std::istringstream in(write({absent, event()}, HistoryFormatter::Format::Table));
        std::string header, absentRow, notifiedRow;
        std::getline(in, header);
        std::getline(in, absentRow);
        std::getline(in, notifiedRow);
        CPPUNIT_ASSERT_EQUAL(header.find("STATUS"), absentRow.find("resolved (absent)"));
        CPPUNIT_ASSERT_EQUAL(header.find("SEVERITY"), absentRow.find("critical"));
        CPPUNIT_ASSERT_EQUAL(std::string::npos, notifiedRow.find("notified"));
    }

    void testTablePlain()
    {
        std::string table = write({event(), event()}, HistoryFormatter::Format::Table);
        std::istringstream in(table);
        std::string header, row;
        std::getline(in, header);
        std::getline(in, row);
        CPPUNIT_ASSERT_EQUAL(std::string("AT"), header.substr(0, 2));
        CPPUNIT_ASSERT_EQUAL(header.find("STATUS"), row.find("firing"));
        CPPUNIT_ASSERT_EQUAL(header.find("ALERTNAME"), row.find("DiskUsage"));
        CPPUNIT_ASSERT_EQUAL(header.find("LABELS"), row.find("instance=pi:9100"));
        CPPUNIT_ASSERT_EQUAL(std::string("2 events\n"), table.substr(table.size() - 9));
        CPPUNIT_ASSERT_EQUAL(std::string("1 event\n"),
                             write({event()}, HistoryFormatter::Format::Table)
                                 .substr(write({event()}, HistoryFormatter::Format::Table).size() - 8));
    }

    void testTableNeutralisesControlCharacters()
    {
        std::string table = write({hostileEvent()}, HistoryFormatter::Format::Table);
        CPPUNIT_ASSERT_EQUAL(std::string::npos, table.find('\x1B'));
        CPPUNIT_ASSERT_EQUAL(std::string::npos, table.find('\r'));
        CPPUNIT_ASSERT_EQUAL(std::string::npos, table.find('\x07'));
        // Header, one row, the count: exactly three line feeds.
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), std::size_t(std::count(table.begin(), table.end(), '\n')));
        CPPUNIT_ASSERT(table.find("\\x1B") != std::string::npos);
        CPPUNIT_ASSERT(table.find("note=comma, \"quote\"\\x0D\\x0Anext line") != std::string::npos);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(HistoryFormatterTest);

} // namespace AlertGate
