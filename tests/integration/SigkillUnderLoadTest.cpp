#include "Eventually.h"
#include "FakeSlackServer.h"
#include "Fixtures.h"
#include "TestCertificates.h"
#include "TestGateway.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <cppunit/extensions/HelperMacros.h>

#include <atomic>
#include <map>
#include <mutex>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

namespace AlertGate::Test {

namespace {

constexpr int kClients = 4;
// Bounds the load (and the backlog to deliver after the restart) should the deliveries before the kill
// be slow: each client stops after this many posts.
constexpr int kMaxPostsPerClient = 500;
constexpr std::size_t kAcknowledgedBeforeKill = 40;
// Some messages are delivered and marked so before the kill: those must not arrive again.
constexpr std::size_t kSlackRequestsBeforeKill = 3;
// The Dispatcher delivers one message at a time per channel (one thread, attempt() blocks until the
// answer and then commits its outcome): at most one Slack message can have been sent but not yet
// marked delivered when the process dies, and only that one may arrive twice.
constexpr std::size_t kSlackInFlight = 1;
constexpr int kWaitMs = 120000;

const std::vector<std::string> kFixtures = {"disk-critical-firing", "disk-alert-firing",
                                            "basic-auth-host1-firing", "instance-down-no-severity",
                                            "truncated-firing"};

std::string tagOf(int client, int sequence)
{
    return "load-" + std::to_string(client) + "-" + std::to_string(sequence);
}

std::string hex16(unsigned long long value)
{
    std::ostringstream out;
    out << std::hex;
    out.width(16);
    out.fill('0');
    out << value;
    return out.str();
}

// A captured notification made distinct: each alert gets the instance "<tag>-<k>" and a fingerprint of
// its own, so every post is a new alert and every Slack message names the post it came from.
std::string distinctCopy(const Fixture& fixture, int client, int sequence)
{
    Poco::JSON::Parser parser;
    auto body = parser.parse(fixture.body).extract<Poco::JSON::Object::Ptr>();
    auto alerts = body->getArray("alerts");
    for (unsigned k = 0; k < alerts->size(); ++k)
    {
        auto alert = alerts->getObject(k);
        alert->getObject("labels")->set("instance", tagOf(client, sequence) + "-" + std::to_string(k));
        alert->set("fingerprint", hex16((static_cast<unsigned long long>(client) << 40) |
                                        (static_cast<unsigned long long>(sequence) << 8) | k));
    }
    body->set("groupKey", "{}:{instance=\"" + tagOf(client, sequence) + "\"}");
    std::ostringstream out;
    body->stringify(out);
    return out.str() + "\n";
}

// Which posts (by tag) each Slack message carries: its alerts' instances without the "-<k>".
std::set<std::string> tagsIn(const std::string& slackBody)
{
    static const std::regex instance("(load-[0-9]+-[0-9]+)-[0-9]+");
    std::set<std::string> tags;
    for (std::sregex_iterator it(slackBody.begin(), slackBody.end(), instance), end; it != end; ++it)
        tags.insert((*it)[1]);
    return tags;
}

/// Posts distinct notifications from several threads until stopped, recording which were answered 200.
class Load
{
public:
    explicit Load(std::uint16_t port)
    {
        for (const auto& name : kFixtures)
            _fixtures.push_back(loadFixture(name));
        for (int client = 0; client < kClients; ++client)
            _threads.emplace_back([this, port, client] { post(port, client); });
    }

    ~Load() { stop(); }

    void stop()
    {
        _stopping = true;
        for (auto& thread : _threads)
            if (thread.joinable())
                thread.join();
    }

    std::set<std::string> acknowledged() const
    {
        std::lock_guard<std::mutex> lock(_mutex);
        return _acknowledged;
    }

    std::set<std::string> unacknowledged() const
    {
        std::lock_guard<std::mutex> lock(_mutex);
        return _unacknowledged;
    }

private:
    void post(std::uint16_t port, int client)
    {
        for (int sequence = 0; !_stopping && sequence < kMaxPostsPerClient; ++sequence)
        {
            const Fixture& fixture =
                _fixtures[static_cast<std::size_t>(client + sequence) % _fixtures.size()];
            bool stored = false;
            bool reachable = true;
            try
            {
                stored = httpRequest(port, "POST", "/api/v1/alertmanager", fixture.headers,
                                     distinctCopy(fixture, client, sequence))
                             .status == 200;
            }
            catch (const std::exception&)
            {
                // Reset or refused by the killed daemon: not acknowledged, and nothing more to post to.
                reachable = false;
            }
            record(tagOf(client, sequence), stored);
            if (!reachable)
                return;
        }
    }

    void record(const std::string& tag, bool stored)
    {
        std::lock_guard<std::mutex> lock(_mutex);
        (stored ? _acknowledged : _unacknowledged).insert(tag);
    }

    std::vector<Fixture> _fixtures;
    std::atomic<bool> _stopping{false};
    mutable std::mutex _mutex;
    std::set<std::string> _acknowledged;
    std::set<std::string> _unacknowledged;
    std::vector<std::thread> _threads;
};

} // namespace

/// Fault: SIGKILL while several clients post and Slack deliveries run. Every acknowledged notification
/// is in the store and reaches Slack after the restart; none arrives twice but the one in flight.
class SigkillUnderLoadTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(SigkillUnderLoadTest);
    CPPUNIT_TEST(testAcknowledgedNotificationsSurviveSigkillAndAreDeliveredOnce);
    CPPUNIT_TEST_SUITE_END();

public:
    void testAcknowledgedNotificationsSurviveSigkillAndAreDeliveredOnce()
    {
        TestCertificates certificates;
        FakeSlackServer slack("[]", &certificates);
        TestGateway gateway("[delivery]\nretry_initial = 100ms\nretry_max = 1s\n[slack]\nwebhook_url = " +
                            slack.url("/services/T000/B000/XXXX") + "\nca_file = " + certificates.caFile() +
                            "\n");
        gateway.start();

        Load load(gateway.port());
        CPPUNIT_ASSERT(
            eventually([&] { return load.acknowledged().size() >= kAcknowledgedBeforeKill; }, kWaitMs));
        CPPUNIT_ASSERT_MESSAGE(gateway.process().log() + slack.log(),
                               slack.waitForRequests(kSlackRequestsBeforeKill, kWaitMs));
        gateway.process().kill();
        load.stop();
        std::set<std::string> acknowledged = load.acknowledged();
        std::size_t requestsBeforeKill = slack.requests().size();

        gateway.start();
        assertStored(gateway, acknowledged);
        CPPUNIT_ASSERT_MESSAGE(
            gateway.process().log(),
            eventually([&] { return gateway.allOutboxIn("slack", "delivered"); }, kWaitMs));
        CPPUNIT_ASSERT_MESSAGE("nothing was left to deliver after the restart",
                               requestsBeforeKill < gateway.outbox("slack").size());
        assertDeliveredOnceButInFlight(slack.requests(), acknowledged, load.unacknowledged());
    }

private:
    static void assertStored(const TestGateway& gateway, const std::set<std::string>& acknowledged)
    {
        std::set<std::string> stored;
        for (const auto& instance : gateway.texts("SELECT value FROM alert_labels WHERE name = 'instance'"))
        {
            auto tags = tagsIn(instance);
            stored.insert(tags.begin(), tags.end());
        }
        for (const auto& tag : acknowledged)
            CPPUNIT_ASSERT_MESSAGE(tag + " was acknowledged but is not in the store", stored.count(tag) == 1);
        CPPUNIT_ASSERT_EQUAL(static_cast<std::int64_t>(stored.size()), gateway.countRows("notifications"));
    }

    static void assertDeliveredOnceButInFlight(const std::vector<FakeSlackServer::Request>& requests,
                                               const std::set<std::string>& acknowledged,
                                               const std::set<std::string>& unacknowledged)
    {
        std::map<std::string, std::size_t> deliveries;
        for (const auto& request : requests)
            for (const auto& tag : tagsIn(request.body))
                ++deliveries[tag];
        for (const auto& tag : acknowledged)
            CPPUNIT_ASSERT_MESSAGE(tag + " was acknowledged but never reached Slack", deliveries[tag] >= 1);
        std::size_t repeated = 0;
        for (const auto& [tag, count] : deliveries)
        {
            CPPUNIT_ASSERT_MESSAGE(tag + " reached Slack but was never posted",
                                   acknowledged.count(tag) + unacknowledged.count(tag) == 1);
            repeated += count - 1;
        }
        CPPUNIT_ASSERT_MESSAGE(std::to_string(repeated) + " repeated deliveries", repeated <= kSlackInFlight);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SigkillUnderLoadTest);

} // namespace AlertGate::Test
