#include "signal/Reconciler.h"

#include "core/Rfc3339.h"
#include "signal/heartbeat/HeartbeatNotice.h"
#include "store/Database.h"
#include "store/NotificationRecorder.h"
#include "store/Schema.h"
#include "store/Statement.h"

#include "FakeClock.h"
#include "TempDir.h"

#include <cppunit/extensions/HelperMacros.h>

#include <memory>

namespace AlertGate {

namespace {

constexpr std::int64_t MS = 1000;

/// Shared with the test: the Reconciler owns the client.
struct TowerLog
{
    std::vector<std::string> commands; /// Digits of every command, answered or not.
    bool answering = true;
};

class FakeTower : public PatliteClient
{
public:
    explicit FakeTower(TowerLog& log) : _log(log) {}

    TowerAnswer apply(const TowerState& state) override
    {
        _log.commands.push_back(state.digits());
        if (_log.answering)
            return {true, "", false};
        return {false, "connection refused", false};
    }

    std::string describe() const override { return "fake://tower"; }

private:
    TowerLog& _log;
};

class FakeBuzzer : public BuzzerSink
{
public:
    void apply(const std::optional<BuzzerPattern>& pattern) override
    {
        applied.push_back(pattern ? pattern->name : "quiet");
    }

    std::vector<std::string> applied;
};

Alert alertOf(const std::string& alertname, const std::string& severity, const std::string& status,
              const std::string& startsAt = "2026-11-22T12:00:00Z")
{
    Alert a;
    a.status = status;
    a.labels = {{"alertname", alertname}, {"severity", severity}};
    a.startsAt = startsAt;
    a.endsAt = status == "resolved" ? "2026-11-22T13:00:00Z" : "";
    a.fingerprint = alertname == "Watchdog" ? "00000000000000aa" : "00000000000000bb";
    return a;
}

Notification notificationOf(const Alert& alert)
{
    Notification n;
    n.version = "4";
    n.status = alert.status;
    n.receiver = "gw";
    n.groupKey = "{}:{alertname=\"" + alert.label("alertname") + "\"}";
    n.alerts = {alert};
    n.rawPayload = "{}";
    return n;
}

// A store, a fake tower and buzzer, a clock that moves only when told, and a Reconciler stepped by hand.
struct Rig
{
    Test::TempDir dir;
    Test::FakeClock clock;
    Settings settings;
    std::unique_ptr<Database> db;
    TowerLog tower;
    FakeBuzzer buzzer;
    std::vector<Notification> announced;
    std::unique_ptr<Reconciler> reconciler;

    explicit Rig(const std::function<void(Settings&)>& configure = {})
    {
        settings.store.path = dir.file("store.db");
        settings.tower.host = "tower.invalid";
        settings.tower.retryInitialMs = 100;
        settings.tower.retryMaxMs = 400;
        settings.tower.reassertMs = 60000;
        if (configure)
            configure(settings);
        db = std::make_unique<Database>(settings.store.path, Database::Mode::ReadWrite, 5000);
        Schema::migrate(*db);
        std::map<std::string, BuzzerPattern> patterns;
        for (const char* name : {"critical", "warning", "blind"})
        {
            BuzzerPattern pattern;
            pattern.name = name;
            patterns.emplace(name, pattern);
        }
        reconciler = std::make_unique<Reconciler>(
            settings, clock, std::make_unique<FakeTower>(tower), &buzzer, patterns,
            [this](Notification n) {
                record(n);
                announced.push_back(std::move(n));
                return true;
            },
            [] { return 0.5; });
    }

    void record(const Notification& n)
    {
        Transaction transaction(*db);
        NotificationRecorder(*db).record(n, clock.nowMicros());
        transaction.commit();
    }

    // One step at the clock's time, after moving it by ms.
    std::int64_t stepAfter(std::int64_t ms)
    {
        clock.advanceMs(ms);
        return reconciler->step(clock.nowMicros());
    }

    std::int64_t now() const { return clock.nowMicros(); }
};

} // namespace

class ReconcilerTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(ReconcilerTest);
    CPPUNIT_TEST(testActiveAlertsLightTheTowerAndSoundTheBuzzer);
    CPPUNIT_TEST(testFailingTowerIsRetriedOnTheBackoffSchedule);
    CPPUNIT_TEST(testUnchangedStateIsReassertedOnlyWhenDue);
    CPPUNIT_TEST(testHeartbeatLapseAndReturn);
    CPPUNIT_TEST(testResolvedHeartbeatIsBlindAtOnce);
    CPPUNIT_TEST(testStaleAlertIsResolvedThroughTheStore);
    CPPUNIT_TEST_SUITE_END();

public:
    void testActiveAlertsLightTheTowerAndSoundTheBuzzer()
    {
        Rig rig;
        CPPUNIT_ASSERT_EQUAL(rig.now() + 60000 * MS, rig.stepAfter(0));
        rig.record(notificationOf(alertOf("DiskUsage", "critical", "firing")));
        rig.stepAfter(10);
        CPPUNIT_ASSERT_EQUAL(std::string("000000 100000"), join(rig.tower.commands));
        CPPUNIT_ASSERT_EQUAL(std::string("quiet critical"), join(rig.buzzer.applied));
        Reconciler::Status status = rig.reconciler->status();
        CPPUNIT_ASSERT(status.towerConfigured && status.towerUp);
        CPPUNIT_ASSERT_EQUAL(std::string("100000"), status.desired);
        CPPUNIT_ASSERT_EQUAL(std::string("100000"), status.applied);
    }

    void testFailingTowerIsRetriedOnTheBackoffSchedule()
    {
        Rig rig;
        rig.tower.answering = false;
        const std::int64_t start = rig.now();
        // 100 ms doubling, capped at 400 ms (jitter off); each wait counts from the failed command.
        CPPUNIT_ASSERT_EQUAL(start + 100 * MS, rig.stepAfter(0));
        CPPUNIT_ASSERT_EQUAL(start + 100 * MS, rig.stepAfter(50)); // woken early: no command
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), rig.tower.commands.size());
        CPPUNIT_ASSERT_EQUAL(start + 300 * MS, rig.stepAfter(50));
        CPPUNIT_ASSERT_EQUAL(start + 700 * MS, rig.stepAfter(200));
        CPPUNIT_ASSERT_EQUAL(start + 1100 * MS, rig.stepAfter(400));
        CPPUNIT_ASSERT_EQUAL(start + 1500 * MS, rig.stepAfter(400));
        CPPUNIT_ASSERT_EQUAL(std::size_t(5), rig.tower.commands.size());
        Reconciler::Status status = rig.reconciler->status();
        CPPUNIT_ASSERT(!status.towerUp);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(5), status.failures);
        CPPUNIT_ASSERT_EQUAL(std::string("connection refused"), status.lastError);
        // A change while failing waits for the backoff too.
        rig.record(notificationOf(alertOf("DiskUsage", "critical", "firing")));
        CPPUNIT_ASSERT_EQUAL(start + 1500 * MS, rig.stepAfter(100));
        CPPUNIT_ASSERT_EQUAL(std::size_t(5), rig.tower.commands.size());
        // The tower answers again: the latest state goes out and is re-asserted later.
        rig.tower.answering = true;
        CPPUNIT_ASSERT_EQUAL(start + 1500 * MS + 60000 * MS, rig.stepAfter(300));
        CPPUNIT_ASSERT_EQUAL(std::string("100000"), rig.tower.commands.back());
        CPPUNIT_ASSERT(rig.reconciler->status().towerUp);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), rig.reconciler->status().failures);
    }

    void testUnchangedStateIsReassertedOnlyWhenDue()
    {
        Rig rig;
        const std::int64_t start = rig.now();
        CPPUNIT_ASSERT_EQUAL(start + 60000 * MS, rig.stepAfter(0));
        CPPUNIT_ASSERT_EQUAL(start + 60000 * MS, rig.stepAfter(59999)); // woken, nothing changed
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), rig.tower.commands.size());
        CPPUNIT_ASSERT_EQUAL(start + 120000 * MS, rig.stepAfter(1)); // a rebooted tower comes back right
        CPPUNIT_ASSERT_EQUAL(std::string("000000 000000"), join(rig.tower.commands));
        // A change goes out at once, whatever the re-assertion schedule.
        rig.record(notificationOf(alertOf("DiskUsage", "warning", "firing")));
        rig.stepAfter(5);
        CPPUNIT_ASSERT_EQUAL(std::string("000000 000000 010000"), join(rig.tower.commands));
    }

    void testHeartbeatLapseAndReturn()
    {
        Rig rig([](Settings& s) { s.heartbeat.timeoutMs = 10000; });
        rig.record(notificationOf(alertOf("Watchdog", "none", "firing")));
        const std::int64_t seen = rig.now();
        // The step asks to run again exactly when the heartbeat is due.
        CPPUNIT_ASSERT_EQUAL(seen + 10000 * MS, rig.stepAfter(0));
        CPPUNIT_ASSERT(!rig.reconciler->status().blind);
        rig.stepAfter(9999);
        CPPUNIT_ASSERT(!rig.reconciler->status().blind);
        CPPUNIT_ASSERT(rig.announced.empty());
        rig.stepAfter(1);
        CPPUNIT_ASSERT(rig.reconciler->status().blind);
        CPPUNIT_ASSERT_EQUAL(std::string("220000"), rig.tower.commands.back());
        CPPUNIT_ASSERT_EQUAL(std::string("blind"), rig.buzzer.applied.back());
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), rig.announced.size());
        CPPUNIT_ASSERT_EQUAL(std::string("firing"), rig.announced[0].alerts[0].status);
        CPPUNIT_ASSERT_EQUAL(Rfc3339::formatMicros(seen + 10000 * MS), rig.announced[0].alerts[0].startsAt);
        // One message per lapse, however long it lasts.
        rig.stepAfter(3600 * 1000);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), rig.announced.size());
        // The heartbeat returns: not blind, the recovery is announced once.
        rig.record(notificationOf(alertOf("Watchdog", "none", "firing")));
        CPPUNIT_ASSERT_EQUAL(rig.now() + 10000 * MS, rig.stepAfter(0));
        CPPUNIT_ASSERT(!rig.reconciler->status().blind);
        CPPUNIT_ASSERT_EQUAL(std::string("000000"), rig.tower.commands.back());
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), rig.announced.size());
        CPPUNIT_ASSERT_EQUAL(std::string("resolved"), rig.announced[1].alerts[0].status);
        rig.stepAfter(1);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), rig.announced.size());
    }

    // Alertmanager sends the heartbeat's resolution when Prometheus stopped sending it.
    void testResolvedHeartbeatIsBlindAtOnce()
    {
        Rig rig([](Settings& s) { s.heartbeat.timeoutMs = 600000; });
        rig.record(notificationOf(alertOf("Watchdog", "none", "firing")));
        rig.stepAfter(0);
        CPPUNIT_ASSERT(!rig.reconciler->status().blind);
        rig.clock.advanceMs(1000);
        rig.record(notificationOf(alertOf("Watchdog", "none", "resolved")));
        const std::int64_t resolvedAt = rig.now();
        rig.stepAfter(0);
        CPPUNIT_ASSERT(rig.reconciler->status().blind);
        CPPUNIT_ASSERT_EQUAL(std::string("220000"), rig.tower.commands.back());
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), rig.announced.size());
        CPPUNIT_ASSERT_EQUAL(Rfc3339::formatMicros(resolvedAt), rig.announced[0].alerts[0].startsAt);
        // A new episode firing is a heartbeat again.
        rig.clock.advanceMs(1000);
        rig.record(notificationOf(alertOf("Watchdog", "none", "firing", "2026-11-22T14:00:00Z")));
        rig.stepAfter(0);
        CPPUNIT_ASSERT(!rig.reconciler->status().blind);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), rig.announced.size());
    }

    void testStaleAlertIsResolvedThroughTheStore()
    {
        Rig rig([](Settings& s) { s.alerts.staleAfterMs = 5000; });
        rig.record(notificationOf(alertOf("DiskUsage", "critical", "firing")));
        CPPUNIT_ASSERT_EQUAL(rig.now() + 5000 * MS, rig.stepAfter(0));
        CPPUNIT_ASSERT_EQUAL(std::string("100000"), rig.tower.commands.back());
        rig.stepAfter(5001);
        CPPUNIT_ASSERT_EQUAL(std::string("000000"), rig.tower.commands.back());
        Statement event = rig.db->prepare("SELECT status, reason, notification_id IS NULL FROM alert_events "
                                          "ORDER BY id DESC LIMIT 1");
        CPPUNIT_ASSERT(event.step());
        CPPUNIT_ASSERT_EQUAL(std::string("resolved"), event.text(0));
        CPPUNIT_ASSERT_EQUAL(std::string("stale"), event.text(1));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), event.integer(2));
    }

private:
    static std::string join(const std::vector<std::string>& values)
    {
        std::string text;
        for (const auto& value : values)
            text += (text.empty() ? "" : " ") + value;
        return text;
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ReconcilerTest);

} // namespace AlertGate
