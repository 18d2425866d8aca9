#include "core/PayloadParser.h"
#include "core/PayloadError.h"

#include "Fixtures.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <cppunit/extensions/HelperMacros.h>

#include <sstream>

namespace AlertGate {

namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

const std::string kAlert =
    R"({"status":"firing","labels":{"alertname":"DiskUsage","instance":"pi:9100"},)"
    R"("annotations":{"summary":"full"},"startsAt":"2026-11-22T12:24:41.796002151Z",)"
    R"("endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prom/graph","fingerprint":"f49deed79c9d117e"})";

// A minimal valid version 4 body whose alerts array is given as JSON text.
std::string body(const std::string& alerts = "[" + kAlert + "]", const std::string& extra = "")
{
    return R"({"version":"4","status":"firing","receiver":"gw","groupKey":"{}:{}","groupLabels":{},)"
           R"("commonLabels":{},"commonAnnotations":{},"externalURL":"http://am:9093","truncatedAlerts":0,)" +
           extra + R"("alerts":)" + alerts + "}";
}

// The body with a string label value spliced in raw, so it can hold any bytes or escapes.
std::string bodyWithLabelValue(const std::string& rawValue)
{
    return body(R"([{"status":"firing","labels":{"x":")" + rawValue +
                R"("},"annotations":{},"startsAt":"2026-11-22T12:00:00Z","endsAt":"0001-01-01T00:00:00Z",)"
                R"("generatorURL":"","fingerprint":"ab12"}])");
}

Object::Ptr root()
{
    return Poco::JSON::Parser().parse(body()).extract<Object::Ptr>();
}

Object::Ptr firstAlert(const Object::Ptr& r)
{
    return r->getArray("alerts")->getObject(0);
}

std::string text(const Object::Ptr& r)
{
    std::ostringstream out;
    r->stringify(out);
    return out.str();
}

// Parses text, which must fail with kind, naming field both in field() and in what().
void expectError(const std::string& text, PayloadError::Kind kind, const std::string& field)
{
    try
    {
        PayloadParser::parse(text);
    }
    catch (const PayloadError& e)
    {
        CPPUNIT_ASSERT_EQUAL_MESSAGE(e.what(), static_cast<int>(kind), static_cast<int>(e.kind()));
        CPPUNIT_ASSERT_EQUAL_MESSAGE(e.what(), field, e.field());
        CPPUNIT_ASSERT_MESSAGE(e.what(), std::string(e.what()).find(field) != std::string::npos);
        return;
    }
    CPPUNIT_FAIL("no PayloadError for " + field + " in: " + text);
}

} // namespace

class PayloadParserTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(PayloadParserTest);
    CPPUNIT_TEST(testEveryFixtureParses);
    CPPUNIT_TEST(testKeepsNotificationFields);
    CPPUNIT_TEST(testKeepsAlertFieldsAndJapaneseBytes);
    CPPUNIT_TEST(testGoZeroEndsAtBecomesEmpty);
    CPPUNIT_TEST(testTruncatedFiring);
    CPPUNIT_TEST(testTruncatedMixedResolved);
    CPPUNIT_TEST(testInvalidJson);
    CPPUNIT_TEST(testNotAnObject);
    CPPUNIT_TEST(testInvalidUtf8);
    CPPUNIT_TEST(testUnsupportedVersion);
    CPPUNIT_TEST(testMissingVersion);
    CPPUNIT_TEST(testMissingTopLevelFields);
    CPPUNIT_TEST(testMissingAlertFields);
    CPPUNIT_TEST(testAlertsNotArray);
    CPPUNIT_TEST(testAlertNotObject);
    CPPUNIT_TEST(testLabelsNotObject);
    CPPUNIT_TEST(testLabelValueNumber);
    CPPUNIT_TEST(testBadStartsAt);
    CPPUNIT_TEST(testStatusPending);
    CPPUNIT_TEST(testTruncatedAlertsNotCount);
    CPPUNIT_TEST(testFingerprintNotHex);
    CPPUNIT_TEST(testUnknownFieldsAccepted);
    CPPUNIT_TEST(testEscapedSurrogatePair);
    CPPUNIT_TEST(testNulInAValueIsKept);
    CPPUNIT_TEST(testNulInANameIsRefused);
    CPPUNIT_TEST(testEmptyAlertsAccepted);
    CPPUNIT_TEST_SUITE_END();

public:
    void testEveryFixtureParses()
    {
        auto names = Test::fixtureNames();
        CPPUNIT_ASSERT_EQUAL(std::size_t(12), names.size());
        for (const auto& name : names)
        {
            auto fixture = Test::loadFixture(name);
            Notification n = PayloadParser::parse(fixture.body);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(name, std::string("4"), n.version);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(name, fixture.body, n.rawPayload);
            CPPUNIT_ASSERT_MESSAGE(name, !n.alerts.empty());
            for (const auto& alert : n.alerts)
            {
                CPPUNIT_ASSERT_MESSAGE(name, alert.status == "firing" || alert.status == "resolved");
                CPPUNIT_ASSERT_MESSAGE(name, !alert.fingerprint.empty());
                CPPUNIT_ASSERT_MESSAGE(name, !alert.label("alertname").empty());
                CPPUNIT_ASSERT_EQUAL_MESSAGE(name, alert.firing(), alert.endsAt.empty());
            }
        }
    }

    void testKeepsNotificationFields()
    {
        Notification n = PayloadParser::parse(Test::loadFixture("disk-critical-firing").body);
        CPPUNIT_ASSERT_EQUAL(std::string("firing"), n.status);
        CPPUNIT_ASSERT_EQUAL(std::string("gw"), n.receiver);
        CPPUNIT_ASSERT_EQUAL(std::string("{}:{alertname=\"DiskUsage\", instance=\"pi:9100\"}"), n.groupKey);
        CPPUNIT_ASSERT((LabelSet{{"alertname", "DiskUsage"}, {"instance", "pi:9100"}}) == n.groupLabels);
        CPPUNIT_ASSERT(
            (LabelSet{{"alertname", "DiskUsage"}, {"instance", "pi:9100"}, {"severity", "critical"}}) ==
            n.commonLabels);
        CPPUNIT_ASSERT_EQUAL(std::string("ディスクの使用率が80%を超えました"),
                             n.commonAnnotations.at("summary"));
        CPPUNIT_ASSERT_EQUAL(std::string("http://vm:19093"), n.externalURL);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(0), n.truncatedAlerts);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), n.alerts.size());
    }

    void testKeepsAlertFieldsAndJapaneseBytes()
    {
        const Alert a = PayloadParser::parse(Test::loadFixture("disk-critical-firing").body).alerts.at(0);
        CPPUNIT_ASSERT_EQUAL(std::string("firing"), a.status);
        CPPUNIT_ASSERT(
            (LabelSet{{"alertname", "DiskUsage"}, {"instance", "pi:9100"}, {"severity", "critical"}}) ==
            a.labels);
        CPPUNIT_ASSERT_EQUAL(std::string("2026-11-22T12:24:41.796002151Z"), a.startsAt);
        CPPUNIT_ASSERT_EQUAL(std::string(""), a.generatorURL);
        CPPUNIT_ASSERT_EQUAL(std::string("f49deed79c9d117e"), a.fingerprint);
        // "ディスク" spelled out as bytes, so the check does not depend on the source file's encoding.
        const std::string disk = "\xE3\x83\x87\xE3\x82\xA3\xE3\x82\xB9\xE3\x82\xAF";
        CPPUNIT_ASSERT_EQUAL(disk +
                                 "\xE3\x81\xAE\xE4\xBD\xBF\xE7\x94\xA8\xE7\x8E\x87\xE3\x81\x8C"
                                 "80%" +
                                 "\xE3\x82\x92\xE8\xB6\x85\xE3\x81\x88\xE3\x81\xBE\xE3\x81\x97\xE3\x81\x9F",
                             a.annotations.at("summary"));
        CPPUNIT_ASSERT_EQUAL(
            std::string("ホスト pi:9100 のディスク使用率が 80%を超えています。直ちに対応が必要です。"),
            a.annotations.at("description"));
    }

    void testGoZeroEndsAtBecomesEmpty()
    {
        const Alert firing = PayloadParser::parse(Test::loadFixture("disk-alert-firing").body).alerts.at(0);
        CPPUNIT_ASSERT_EQUAL(std::string(""), firing.endsAt);
        const Alert resolved =
            PayloadParser::parse(Test::loadFixture("disk-alert-resolved").body).alerts.at(0);
        CPPUNIT_ASSERT_EQUAL(std::string("resolved"), resolved.status);
        CPPUNIT_ASSERT(!resolved.endsAt.empty());
        CPPUNIT_ASSERT(resolved.endsAt != "0001-01-01T00:00:00Z");
    }

    void testTruncatedFiring()
    {
        Notification n = PayloadParser::parse(Test::loadFixture("truncated-firing").body);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(2), n.truncatedAlerts);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), n.alerts.size());
        CPPUNIT_ASSERT_EQUAL(std::string("gw-truncated"), n.receiver);
        CPPUNIT_ASSERT_EQUAL(std::string("0f014e5f2e035cf8"), n.alerts[1].fingerprint);
        CPPUNIT_ASSERT_EQUAL(std::string("http://prometheus:9090/graph?g0.expr=up+%3D%3D+0"),
                             n.alerts[1].generatorURL);
        CPPUNIT_ASSERT(n.commonAnnotations.empty());
    }

    void testTruncatedMixedResolved()
    {
        Notification n = PayloadParser::parse(Test::loadFixture("truncated-mixed-resolved").body);
        CPPUNIT_ASSERT_EQUAL(std::string("firing"), n.status);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(2), n.truncatedAlerts);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), n.alerts.size());
        CPPUNIT_ASSERT_EQUAL(std::string("resolved"), n.alerts[0].status);
        CPPUNIT_ASSERT_EQUAL(std::string("2026-11-22T12:25:07Z"), n.alerts[0].endsAt);
        CPPUNIT_ASSERT_EQUAL(std::string("host1:9100"), n.alerts[0].label("instance"));
        CPPUNIT_ASSERT_EQUAL(std::string("firing"), n.alerts[1].status);
        CPPUNIT_ASSERT_EQUAL(std::string(""), n.alerts[1].endsAt);
    }

    void testInvalidJson()
    {
        expectError("{", PayloadError::Kind::Syntax, "");
        expectError("", PayloadError::Kind::Syntax, "");
        expectError(body().substr(0, body().size() - 1), PayloadError::Kind::Syntax, "");
        try
        {
            PayloadParser::parse("{\"version\": 4,}");
            CPPUNIT_FAIL("trailing comma accepted");
        }
        catch (const PayloadError& e)
        {
            CPPUNIT_ASSERT(std::string(e.what()).find("invalid JSON") != std::string::npos);
        }
    }

    void testNotAnObject()
    {
        expectError("[]", PayloadError::Kind::Syntax, "");
        expectError("\"version 4\"", PayloadError::Kind::Syntax, "");
        expectError("4", PayloadError::Kind::Syntax, "");
        expectError("null", PayloadError::Kind::Syntax, "");
    }

    void testInvalidUtf8()
    {
        expectError(bodyWithLabelValue("\xff"), PayloadError::Kind::Encoding, "");
        expectError(bodyWithLabelValue("\xc0\xaf"), PayloadError::Kind::Encoding, "");
        expectError(bodyWithLabelValue("\xed\xa0\x80"), PayloadError::Kind::Encoding, "");
        expectError(bodyWithLabelValue("\xe3\x83"), PayloadError::Kind::Encoding, "");
        // The same body with valid UTF-8 parses, so it is the bytes that are refused.
        CPPUNIT_ASSERT_EQUAL(
            std::string("\xe3\x83\x87"),
            PayloadParser::parse(bodyWithLabelValue("\xe3\x83\x87")).alerts[0].labels.at("x"));
    }

    void testUnsupportedVersion()
    {
        auto r = root();
        r->set("version", "3");
        expectError(text(r), PayloadError::Kind::Version, "version");
        try
        {
            PayloadParser::parse(text(r));
        }
        catch (const PayloadError& e)
        {
            CPPUNIT_ASSERT(std::string(e.what()).find("\"3\"") != std::string::npos);
        }
    }

    void testMissingVersion()
    {
        auto r = root();
        r->remove("version");
        expectError(text(r), PayloadError::Kind::Field, "version");
        r->set("version", 4);
        expectError(text(r), PayloadError::Kind::Field, "version");
    }

    void testMissingTopLevelFields()
    {
        for (const char* name : {"status", "receiver", "groupKey", "groupLabels", "commonLabels",
                                 "commonAnnotations", "externalURL", "truncatedAlerts", "alerts"})
        {
            auto r = root();
            r->remove(name);
            expectError(text(r), PayloadError::Kind::Field, name);
        }
    }

    void testMissingAlertFields()
    {
        for (const char* name :
             {"status", "labels", "annotations", "startsAt", "endsAt", "generatorURL", "fingerprint"})
        {
            auto r = root();
            firstAlert(r)->remove(name);
            expectError(text(r), PayloadError::Kind::Field, std::string("alerts[0].") + name);
        }
    }

    void testAlertsNotArray()
    {
        expectError(body("{}"), PayloadError::Kind::Field, "alerts");
        expectError(body("\"none\""), PayloadError::Kind::Field, "alerts");
    }

    void testAlertNotObject()
    {
        expectError(body("[" + kAlert + ", 7]"), PayloadError::Kind::Field, "alerts[1]");
    }

    void testLabelsNotObject()
    {
        auto r = root();
        firstAlert(r)->set("labels", Poco::makeShared<Array>());
        expectError(text(r), PayloadError::Kind::Field, "alerts[0].labels");
        r = root();
        r->set("groupLabels", "alertname");
        expectError(text(r), PayloadError::Kind::Field, "groupLabels");
    }

    void testLabelValueNumber()
    {
        auto r = root();
        firstAlert(r)->getObject("labels")->set("x", 5);
        expectError(text(r), PayloadError::Kind::Field, "alerts[0].labels.x");
        r = root();
        r->getObject("commonAnnotations")->set("summary", true);
        expectError(text(r), PayloadError::Kind::Field, "commonAnnotations.summary");
    }

    void testBadStartsAt()
    {
        auto r = root();
        firstAlert(r)->set("startsAt", "yesterday");
        expectError(text(r), PayloadError::Kind::Field, "alerts[0].startsAt");
        r = root();
        firstAlert(r)->set("endsAt", "2026-11-22 12:00:00");
        expectError(text(r), PayloadError::Kind::Field, "alerts[0].endsAt");
    }

    void testStatusPending()
    {
        auto r = root();
        firstAlert(r)->set("status", "pending");
        expectError(text(r), PayloadError::Kind::Field, "alerts[0].status");
        r = root();
        r->set("status", "pending");
        expectError(text(r), PayloadError::Kind::Field, "status");
    }

    void testTruncatedAlertsNotCount()
    {
        for (const std::string value : {"-1", "1.5", "\"2\"", "null", "18446744073709551615"})
        {
            std::string text = body();
            auto at = text.find("\"truncatedAlerts\":0");
            text.replace(at, 19, "\"truncatedAlerts\":" + value);
            expectError(text, PayloadError::Kind::Field, "truncatedAlerts");
        }
    }

    void testFingerprintNotHex()
    {
        for (const std::string& value :
             std::vector<std::string>{"xyz", "", "f49deed7 9c9d117e", std::string(65, 'a')})
        {
            auto r = root();
            firstAlert(r)->set("fingerprint", value);
            expectError(text(r), PayloadError::Kind::Field, "alerts[0].fingerprint");
        }
    }

    void testUnknownFieldsAccepted()
    {
        auto r = root();
        r->set("notification_reason", "repeat");
        auto routeLabels = Poco::makeShared<Object>();
        routeLabels->set("team", "infra");
        r->set("routeLabels", routeLabels);
        firstAlert(r)->set("routeLabels", routeLabels);
        Notification n = PayloadParser::parse(text(r));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), n.alerts.size());
        CPPUNIT_ASSERT_EQUAL(std::string("DiskUsage"), n.alerts[0].label("alertname"));
        // Alertmanager 0.32's notification_reason and 0.34's routeLabels are kept.
        CPPUNIT_ASSERT_EQUAL(std::string("repeat"), n.notificationReason.value_or("none"));
        CPPUNIT_ASSERT((LabelSet{{"team", "infra"}}) == n.routeLabels);
        // An older Alertmanager sends neither.
        Notification old = PayloadParser::parse(body());
        CPPUNIT_ASSERT(!old.notificationReason);
        CPPUNIT_ASSERT(old.routeLabels.empty());
    }

    void testEscapedSurrogatePair()
    {
        Notification n = PayloadParser::parse(bodyWithLabelValue("\\ud83d\\ude00 \\u00e9"));
        CPPUNIT_ASSERT_EQUAL(std::string("\xF0\x9F\x98\x80 \xC3\xA9"), n.alerts[0].labels.at("x"));
    }

    void testNulInAValueIsKept()
    {
        Notification n = PayloadParser::parse(bodyWithLabelValue("a\\u0000b"));
        CPPUNIT_ASSERT_EQUAL(std::string("a\0b", 3), n.alerts[0].labels.at("x"));
    }

    void testNulInANameIsRefused()
    {
        // Cut at the NUL, "severity\u0000x" would replace the alert's real severity.
        std::string spoofed =
            body(R"([{"status":"firing","labels":{"severity":"info","severity\u0000x":"critical"},)"
                 R"("annotations":{},"startsAt":"2026-11-22T12:00:00Z","endsAt":"0001-01-01T00:00:00Z",)"
                 R"("generatorURL":"","fingerprint":"ab12"}])");
        expectError(spoofed, PayloadError::Kind::Field, "");
        try
        {
            PayloadParser::parse(spoofed);
        }
        catch (const PayloadError& e)
        {
            CPPUNIT_ASSERT_EQUAL(std::string("a name holds NUL (\\u0000), which alertgate cannot keep: "
                                             "\"severity\\u0000...\""),
                                 std::string(e.what()));
        }
    }

    void testEmptyAlertsAccepted()
    {
        Notification n = PayloadParser::parse(body("[]"));
        CPPUNIT_ASSERT(n.alerts.empty());
        CPPUNIT_ASSERT_EQUAL(std::string("gw"), n.receiver);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(PayloadParserTest);

} // namespace AlertGate
