#include "notify/Dispatcher.h"

#include "core/Router.h"
#include "core/WorkerLoop.h"
#include "metrics/Metrics.h"
#include "store/Database.h"
#include "store/NotificationRecorder.h"
#include "store/Schema.h"
#include "store/Statement.h"

#include "FakeClock.h"
#include "TempDir.h"

#include <cppunit/extensions/HelperMacros.h>

#include <deque>

namespace AlertGate {

namespace {

constexpr std::int64_t MS = 1000;

/// Answers with the scripted results in order (then "delivered"); remembers what it was asked to send.
class FakeChannel : public Channel
{
public:
    const std::string& name() const override { return _name; }

    DeliveryResult deliver(const Notification& notification, const std::vector<Alert>&) override
    {
        sent.push_back(notification.alerts.at(0).label("alertname"));
        if (script.empty())
            return DeliveryResult::delivered("ok");
        DeliveryResult result = script.front();
        script.pop_front();
        return result;
    }

    std::deque<DeliveryResult> script;
    std::vector<std::string> sent; /// alertname of each attempt.

private:
    std::string _name = "slack";
};

// Alertmanager's fingerprints are hex: the name's bytes in hex.
std::string fingerprintOf(const std::string& alertname)
{
    static const char* const digits = "0123456789abcdef";
    std::string hex;
    for (unsigned char c : alertname)
        hex += std::string{digits[c >> 4], digits[c & 15]};
    return hex;
}

Notification notificationOf(const std::string& alertname, const std::string& payload)
{
    Alert a;
    a.status = "firing";
    a.labels = {{"alertname", alertname}, {"severity", "critical"}};
    a.startsAt = "2026-11-22T12:00:00Z";
    a.fingerprint = fingerprintOf(alertname);
    Notification n;
    n.version = "4";
    n.status = "firing";
    n.receiver = "gw";
    n.groupKey = "{}:{alertname=\"" + alertname + "\"}";
    n.alerts = {a};
    n.rawPayload = payload;
    return n;
}

// The payload Alertmanager would have sent for one firing alert, so the dispatcher can parse it.
std::string payloadOf(const std::string& alertname)
{
    return R"({"version":"4","groupKey":"{}:{alertname=\")" + alertname +
           R"(\"}","status":"firing","receiver":"gw","groupLabels":{},"commonLabels":{},
        "commonAnnotations":{},"externalURL":"http://am","truncatedAlerts":0,
        "alerts":[{"status":"firing","labels":{"alertname":")" +
           alertname + R"(","severity":"critical"},"annotations":{},"startsAt":"2026-11-22T12:00:00Z",
        "endsAt":"0001-01-01T00:00:00Z","generatorURL":"","fingerprint":")" +
           fingerprintOf(alertname) + R"("}]})";
}

struct Rig
{
    Test::TempDir dir;
    Test::FakeClock clock;
    Metrics metrics;
    Router router{{{"slack", {}, true}}, "Watchdog"};
    Database db{dir.file("store.db"), Database::Mode::ReadWrite, 5000};
    FakeChannel channel;
    Dispatcher dispatcher;

    explicit Rig(std::chrono::milliseconds maxAge = std::chrono::milliseconds(60000))
        : dispatcher(channel, router, dir.file("store.db"), 5000,
                     {Backoff(std::chrono::milliseconds(1000), std::chrono::milliseconds(8000)), maxAge},
                     clock, metrics, [] { return 0.5; })
    {
        Schema::migrate(db);
    }

    void queue(const std::string& alertname, const std::string& payload)
    {
        Transaction transaction(db);
        NotificationRecorder(db, &router).record(notificationOf(alertname, payload), clock.nowMicros());
        transaction.commit();
    }

    void queue(const std::string& alertname) { queue(alertname, payloadOf(alertname)); }

    std::int64_t stepAfter(std::int64_t ms)
    {
        clock.advanceMs(ms);
        return dispatcher.step(clock.nowMicros());
    }

    std::int64_t now() const { return clock.nowMicros(); }

    std::string sent() const
    {
        std::string text;
        for (const auto& alertname : channel.sent)
            text += (text.empty() ? "" : " ") + alertname;
        return text;
    }

    // state, attempts, last_error of the outbox rows, oldest first.
    std::string outbox()
    {
        Statement rows =
            db.prepare("SELECT state, attempts, coalesce(last_error, '') FROM outbox ORDER BY id");
        std::string text;
        while (rows.step())
            text += rows.text(0) + "/" + std::to_string(rows.integer(1)) + "/" + rows.text(2) + "\n";
        return text;
    }
};

} // namespace

class DispatcherTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(DispatcherTest);
    CPPUNIT_TEST(testNothingQueuedIsIdle);
    CPPUNIT_TEST(testTransientFailureIsRetriedOnTheBackoffScheduleAndKeepsOrder);
    CPPUNIT_TEST(testRetryAfterIsHonoured);
    CPPUNIT_TEST(testPermanentFailureIsDeadAndTheChannelGoesOn);
    CPPUNIT_TEST(testMessageOlderThanMaxAgeIsDead);
    CPPUNIT_TEST(testMessageThatCannotBeRenderedIsDeadAndTheNextIsDelivered);
    CPPUNIT_TEST_SUITE_END();

public:
    void testNothingQueuedIsIdle()
    {
        Rig rig;
        CPPUNIT_ASSERT_EQUAL(WorkerLoop::IDLE, rig.stepAfter(0));
        CPPUNIT_ASSERT(rig.channel.sent.empty());
    }

    void testTransientFailureIsRetriedOnTheBackoffScheduleAndKeepsOrder()
    {
        Rig rig;
        rig.queue("First");
        rig.queue("Second");
        for (int i = 0; i < 4; ++i)
            rig.channel.script.push_back(DeliveryResult::retry("HTTP 503"));
        const std::int64_t start = rig.now();
        // 1 s doubling, capped at 8 s (jitter off), counted from each failed attempt.
        CPPUNIT_ASSERT_EQUAL(start + 1000 * MS, rig.stepAfter(0));
        CPPUNIT_ASSERT_EQUAL(start + 1000 * MS, rig.stepAfter(500)); // woken early: nothing sent
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), rig.channel.sent.size());
        CPPUNIT_ASSERT_EQUAL(start + 3000 * MS, rig.stepAfter(500));
        CPPUNIT_ASSERT_EQUAL(start + 7000 * MS, rig.stepAfter(2000));
        CPPUNIT_ASSERT_EQUAL(start + 15000 * MS, rig.stepAfter(4000));
        CPPUNIT_ASSERT_EQUAL(std::string("pending/4/HTTP 503\npending/0/\n"), rig.outbox());
        // Delivered: the next message is due at once, in order.
        CPPUNIT_ASSERT_EQUAL(start + 15000 * MS, rig.stepAfter(8000));
        CPPUNIT_ASSERT_EQUAL(rig.now(), rig.stepAfter(0));
        CPPUNIT_ASSERT_EQUAL(WorkerLoop::IDLE, rig.stepAfter(0));
        CPPUNIT_ASSERT_EQUAL(std::string("delivered/5/ok\ndelivered/1/ok\n"), rig.outbox());
        CPPUNIT_ASSERT_EQUAL(std::string("First First First First First Second"), rig.sent());
    }

    void testRetryAfterIsHonoured()
    {
        Rig rig;
        rig.queue("First");
        rig.channel.script.push_back(DeliveryResult::retry("HTTP 429", std::chrono::milliseconds(30000)));
        CPPUNIT_ASSERT_EQUAL(rig.now() + 30000 * MS, rig.stepAfter(0));
    }

    void testPermanentFailureIsDeadAndTheChannelGoesOn()
    {
        Rig rig;
        rig.queue("First");
        rig.queue("Second");
        rig.channel.script.push_back(DeliveryResult::dead("HTTP 404 no_service"));
        CPPUNIT_ASSERT_EQUAL(rig.now(), rig.stepAfter(0));
        CPPUNIT_ASSERT_EQUAL(rig.now(), rig.stepAfter(0));
        CPPUNIT_ASSERT_EQUAL(std::string("dead/1/HTTP 404 no_service\ndelivered/1/ok\n"), rig.outbox());
    }

    void testMessageOlderThanMaxAgeIsDead()
    {
        Rig rig(std::chrono::milliseconds(5000));
        rig.queue("First");
        for (int i = 0; i < 20; ++i)
            rig.channel.script.push_back(DeliveryResult::retry("connection refused"));
        // max_age is 5 s: attempts at 0, 1 and 3 s; the retry due at 7 s gives up without sending.
        const std::int64_t start = rig.now();
        CPPUNIT_ASSERT_EQUAL(start + 1000 * MS, rig.stepAfter(0));
        CPPUNIT_ASSERT_EQUAL(start + 3000 * MS, rig.stepAfter(1000));
        CPPUNIT_ASSERT_EQUAL(start + 7000 * MS, rig.stepAfter(2000));
        CPPUNIT_ASSERT_EQUAL(start + 7000 * MS, rig.stepAfter(4000));
        CPPUNIT_ASSERT_EQUAL(std::string("dead/3/gave up after max_age; last error: connection refused\n"),
                             rig.outbox());
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), rig.channel.sent.size());
        rig.channel.script.clear();
        rig.queue("Second");
        CPPUNIT_ASSERT_EQUAL(rig.now(), rig.stepAfter(0));
        CPPUNIT_ASSERT_EQUAL(std::string("First First First Second"), rig.sent());
    }

    // Issue 13: a message that can no longer be rendered blocked its channel for max_age, blamed on the
    // store.
    void testMessageThatCannotBeRenderedIsDeadAndTheNextIsDelivered()
    {
        Rig rig;
        rig.queue("Broken");
        // Stored as JSON, yet no longer a payload the parser takes (as one from an older, laxer version).
        rig.db.execute("UPDATE notifications SET payload = '{\"version\":\"3\",\"alerts\":[]}'");
        rig.queue("Second");
        CPPUNIT_ASSERT_EQUAL(rig.now(), rig.stepAfter(0));
        CPPUNIT_ASSERT(rig.channel.sent.empty());
        CPPUNIT_ASSERT_EQUAL(rig.now(), rig.stepAfter(0));
        CPPUNIT_ASSERT_EQUAL(std::string("Second"), rig.sent());
        const std::string outbox = rig.outbox();
        CPPUNIT_ASSERT_MESSAGE(outbox, outbox.rfind("dead/1/cannot render the stored message: ", 0) == 0);
        CPPUNIT_ASSERT_MESSAGE(outbox, outbox.find("\ndelivered/1/ok\n") != std::string::npos);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(DispatcherTest);

} // namespace AlertGate
