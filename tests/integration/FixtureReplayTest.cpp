#include "Fixtures.h"
#include "JsonParse.h"
#include "TestGateway.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <cppunit/extensions/HelperMacros.h>

#include <map>
#include <set>

namespace AlertGate::Test {

namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

std::map<std::string, std::string> strings(const Object::Ptr& object)
{
    std::map<std::string, std::string> result;
    for (const auto& [k, v] : *object)
        result[k] = v.extract<std::string>();
    return result;
}

// The last history event of each fingerprint.
std::map<std::string, Object::Ptr> lastEventByFingerprint(const Array::Ptr& events)
{
    std::map<std::string, Object::Ptr> last;
    for (std::size_t i = 0; i < events->size(); ++i)
    {
        auto event = events->getObject(static_cast<unsigned>(i));
        last[event->getValue<std::string>("fingerprint")] = event;
    }
    return last;
}

} // namespace

class FixtureReplayTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(FixtureReplayTest);
    CPPUNIT_TEST(testEveryFixtureIsStoredExactly);
    CPPUNIT_TEST(testRepeatedNotificationAddsNoEvents);
    CPPUNIT_TEST_SUITE_END();

public:
    void testEveryFixtureIsStoredExactly()
    {
        TestGateway gateway;
        gateway.start();
        for (const auto& name : fixtureNames())
        {
            HttpResult result = gateway.replay(name);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(name + ": " + result.body, 200, result.status);
        }
        CPPUNIT_ASSERT_EQUAL(static_cast<std::int64_t>(fixtureNames().size()),
                             gateway.countRows("notifications"));

        CommandResult history = gateway.history({"--format", "json", "--limit", "1000"});
        CPPUNIT_ASSERT_EQUAL_MESSAGE(history.err, 0, history.exitCode);
        auto last = lastEventByFingerprint(parseArray(history.out));
        for (const auto& name : fixtureNames())
            checkFixtureInHistory(loadFixture(name), last);
    }

    // A repeat is acknowledged like any notification and counted on the one it repeats: no row, no event.
    void testRepeatedNotificationAddsNoEvents()
    {
        TestGateway gateway;
        gateway.start();
        CPPUNIT_ASSERT_EQUAL(200, gateway.replay("disk-critical-firing").status);
        for (int i = 0; i < 2; ++i)
        {
            HttpResult again = gateway.replay("disk-critical-firing");
            CPPUNIT_ASSERT_EQUAL(200, again.status);
            CPPUNIT_ASSERT_EQUAL(0, parseObject(again.body)->getValue<int>("changes"));
        }
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), gateway.countRows("notifications"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), gateway.countRows("alert_events"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), gateway.countRows("notification_repeats"));
        HttpResult history = gateway.get("/api/v1/history");
        auto events = parseArray(history.body);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), events->size());
        CPPUNIT_ASSERT_EQUAL(2, events->getObject(0)->getValue<int>("repeats"));
    }

private:
    // The final state of every alert of the fixture must be in the history exactly as sent; an alert
    // that a later fixture resolves is checked there.
    static void checkFixtureInHistory(const Fixture& fixture, const std::map<std::string, Object::Ptr>& last)
    {
        auto body = parseObject(fixture.body);
        auto alerts = body->getArray("alerts");
        for (std::size_t i = 0; i < alerts->size(); ++i)
        {
            auto sent = alerts->getObject(static_cast<unsigned>(i));
            std::string fingerprint = sent->getValue<std::string>("fingerprint");
            auto found = last.find(fingerprint);
            CPPUNIT_ASSERT_MESSAGE(fixture.name + ": " + fingerprint + " not in history",
                                   found != last.end());
            const Object::Ptr& event = found->second;
            CPPUNIT_ASSERT(strings(sent->getObject("labels")) == strings(event->getObject("labels")));
            if (event->getValue<std::string>("startsAt") != sent->getValue<std::string>("startsAt"))
                continue;
            if (sent->getValue<std::string>("status") == "resolved")
            {
                CPPUNIT_ASSERT_EQUAL(std::string("resolved"), event->getValue<std::string>("status"));
                CPPUNIT_ASSERT_EQUAL(sent->getValue<std::string>("endsAt"),
                                     event->getValue<std::string>("endsAt"));
            }
            if (event->getValue<std::string>("status") == sent->getValue<std::string>("status"))
            {
                CPPUNIT_ASSERT_MESSAGE(fixture.name + ": annotations differ",
                                       strings(sent->getObject("annotations")) ==
                                           strings(event->getObject("annotations")));
                CPPUNIT_ASSERT_EQUAL(sent->getValue<std::string>("generatorURL"),
                                     event->getValue<std::string>("generatorURL"));
            }
            if (fixture.name.rfind("truncated-", 0) == 0)
                CPPUNIT_ASSERT_EQUAL(2, event->getValue<int>("truncatedAlerts"));
        }
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(FixtureReplayTest);

} // namespace AlertGate::Test
