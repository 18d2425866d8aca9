#include "store/NotificationWriter.h"

#include "core/Router.h"
#include "core/WorkerLoop.h"
#include "metrics/Metrics.h"
#include "store/Database.h"
#include "store/Statement.h"

#include "FakeClock.h"
#include "TempDir.h"

#include <cppunit/extensions/HelperMacros.h>

#include <set>
#include <sstream>

namespace AlertGate {

namespace {

Notification notificationOf(int number)
{
    Alert a;
    a.status = "firing";
    a.labels = {{"alertname", "Load"}, {"n", std::to_string(number)}, {"severity", "critical"}};
    a.startsAt = "2026-11-22T12:00:00Z";
    a.fingerprint = "f" + std::to_string(number);
    Notification n;
    n.version = "4";
    n.status = "firing";
    n.receiver = "gw";
    n.groupKey = "{}:{n=\"" + std::to_string(number) + "\"}";
    n.alerts = {a};
    n.rawPayload = "{}";
    return n;
}

bool ready(std::future<NotificationWriter::Outcome>& outcome)
{
    return outcome.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
}

struct Rig
{
    Test::TempDir dir;
    Test::FakeClock clock;
    Metrics metrics;
    Router router{{{"slack", {}, true}}, "Watchdog"};
    int commitsWithMessages = 0;
    int commits = 0;
    NotificationWriter writer{
        dir.file("store.db"), 5000, clock, metrics, &router, [this] { ++commitsWithMessages; },
        [this] { ++commits; }};

    std::int64_t count(const std::string& table)
    {
        Database db(dir.file("store.db"), Database::Mode::ReadOnly, 5000);
        Statement query = db.prepare("SELECT count(*) FROM " + table);
        query.step();
        return query.integer(0);
    }

    std::string renderedMetrics()
    {
        std::ostringstream out;
        metrics.render(out, {});
        return out.str();
    }
};

} // namespace

class NotificationWriterTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(NotificationWriterTest);
    CPPUNIT_TEST(testQueuedNotificationsShareOneCommit);
    CPPUNIT_TEST(testABatchIsBoundedAndTheRestFollowsAtOnce);
    CPPUNIT_TEST(testPausesAfterCommittingBackToBack);
    CPPUNIT_TEST(testStopCommitsWhatIsQueuedAndRefusesTheRest);
    CPPUNIT_TEST(testThreadCommitsWhatIsSubmitted);
    CPPUNIT_TEST_SUITE_END();

public:
    void testQueuedNotificationsShareOneCommit()
    {
        Rig rig;
        std::vector<std::future<NotificationWriter::Outcome>> outcomes;
        for (int i = 1; i <= 3; ++i)
            outcomes.push_back(rig.writer.submit(notificationOf(i)));
        CPPUNIT_ASSERT(!ready(outcomes[0]));
        CPPUNIT_ASSERT_EQUAL(WorkerLoop::IDLE, rig.writer.step(rig.clock.nowMicros()));
        std::set<std::int64_t> ids;
        for (auto& outcome : outcomes)
        {
            CPPUNIT_ASSERT(ready(outcome));
            NotificationWriter::Outcome result = outcome.get();
            CPPUNIT_ASSERT_MESSAGE(result.error, result.stored);
            CPPUNIT_ASSERT_EQUAL(1, result.changes);
            CPPUNIT_ASSERT_EQUAL(1, result.messages);
            ids.insert(result.notificationId);
        }
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), ids.size());
        CPPUNIT_ASSERT_EQUAL(1, rig.commits);
        CPPUNIT_ASSERT_EQUAL(1, rig.commitsWithMessages);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(3), rig.count("notifications"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(3), rig.count("outbox"));
        const std::string metrics = rig.renderedMetrics();
        CPPUNIT_ASSERT_MESSAGE(metrics, metrics.find("\nalertgate_store_commit_duration_seconds_count 1\n") !=
                                            std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(metrics, metrics.find("\nalertgate_store_committed_notifications_total 3\n") !=
                                            std::string::npos);
    }

    void testABatchIsBoundedAndTheRestFollowsAtOnce()
    {
        Rig rig;
        std::vector<std::future<NotificationWriter::Outcome>> outcomes;
        for (int i = 1; i <= 300; ++i)
            outcomes.push_back(rig.writer.submit(notificationOf(i)));
        const std::int64_t now = rig.clock.nowMicros();
        CPPUNIT_ASSERT_EQUAL(now, rig.writer.step(now));
        CPPUNIT_ASSERT(ready(outcomes[255]));
        CPPUNIT_ASSERT(!ready(outcomes[256]));
        CPPUNIT_ASSERT_EQUAL(WorkerLoop::IDLE, rig.writer.step(now));
        CPPUNIT_ASSERT(ready(outcomes[299]));
        CPPUNIT_ASSERT_EQUAL(2, rig.commits);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(300), rig.count("notifications"));
    }

    // After 100 ms of commits without a gap, the writer leaves the lock to the store's other writers for
    // 5 ms: a wake-up meanwhile (a new webhook) does not end the pause.
    void testPausesAfterCommittingBackToBack()
    {
        Rig rig;
        std::vector<std::future<NotificationWriter::Outcome>> outcomes;
        auto submit = [&](int number) { outcomes.push_back(rig.writer.submit(notificationOf(number))); };
        submit(1);
        submit(2);
        std::int64_t start = rig.clock.nowMicros();
        // Only one batch per step: the queue keeps one more than a batch takes.
        for (int i = 3; i < 300; ++i)
            submit(i);
        CPPUNIT_ASSERT_EQUAL(start, rig.writer.step(start));
        rig.clock.advanceMs(100);
        std::int64_t late = rig.clock.nowMicros();
        for (int i = 300; i < 600; ++i)
            submit(i);
        std::int64_t pauseEnd = late + 5000;
        CPPUNIT_ASSERT_EQUAL(pauseEnd, rig.writer.step(late));
        CPPUNIT_ASSERT_EQUAL(2, rig.commits);
        CPPUNIT_ASSERT_EQUAL(pauseEnd, rig.writer.step(late + 1000));
        CPPUNIT_ASSERT_EQUAL(2, rig.commits);
        rig.clock.set(pauseEnd);
        CPPUNIT_ASSERT_EQUAL(WorkerLoop::IDLE, rig.writer.step(pauseEnd));
        CPPUNIT_ASSERT_EQUAL(3, rig.commits);
        CPPUNIT_ASSERT(ready(outcomes.back()));
    }

    void testStopCommitsWhatIsQueuedAndRefusesTheRest()
    {
        Rig rig;
        auto queued = rig.writer.submit(notificationOf(1));
        rig.writer.stop();
        CPPUNIT_ASSERT(ready(queued));
        CPPUNIT_ASSERT(queued.get().stored);
        auto late = rig.writer.submit(notificationOf(2));
        CPPUNIT_ASSERT(ready(late));
        NotificationWriter::Outcome refused = late.get();
        CPPUNIT_ASSERT(!refused.stored);
        CPPUNIT_ASSERT_EQUAL(std::string("the store is shutting down"), refused.error);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), rig.count("notifications"));
    }

    // The thread only waits: a submission wakes it, and stop() does not wait for an idle wait to end.
    void testThreadCommitsWhatIsSubmitted()
    {
        Rig rig;
        rig.writer.start();
        auto outcome = rig.writer.submit(notificationOf(1));
        CPPUNIT_ASSERT(outcome.wait_for(std::chrono::seconds(30)) == std::future_status::ready);
        CPPUNIT_ASSERT(outcome.get().stored);
        rig.writer.stop();
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), rig.count("notifications"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(NotificationWriterTest);

} // namespace AlertGate
