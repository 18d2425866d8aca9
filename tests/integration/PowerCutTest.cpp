#include "Eventually.h"
#include "FakeSlackServer.h"
#include "Payloads.h"
#include "PowerCutFs.h"
#include "TempDir.h"
#include "TestCertificates.h"
#include "TestGateway.h"
#include "store/Database.h"
#include "store/Schema.h"
#include "store/Statement.h"

#include <Poco/File.h>

#include <cppunit/extensions/HelperMacros.h>

#include <atomic>
#include <fcntl.h>
#include <mutex>
#include <random>
#include <set>
#include <thread>
#include <unistd.h>

namespace AlertGate::Test {

namespace {

void writeFile(const std::string& path, const std::string& text, bool sync)
{
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    CPPUNIT_ASSERT(fd >= 0);
    CPPUNIT_ASSERT_EQUAL(static_cast<ssize_t>(text.size()), ::write(fd, text.data(), text.size()));
    if (sync)
        CPPUNIT_ASSERT_EQUAL(0, ::fsync(fd));
    ::close(fd);
}

std::string fingerprintOf(int number)
{
    return "d" + std::to_string(100000 + number);
}

std::string instanceOf(int number)
{
    return "host" + std::to_string(number) + ":9100";
}

std::int64_t integer(Database& db, const std::string& sql)
{
    Statement query = db.prepare(sql);
    query.step();
    return query.integer(0);
}

// What a migration must keep: the rows of each table and the history's events (compared as text).
std::string contentOf(const std::string& path)
{
    Database db(path, Database::Mode::ReadOnly, 5000);
    std::string content;
    for (const char* table : {"notifications", "alert_events", "outbox", "alerts"})
        content += std::string(table) + " " +
                   std::to_string(integer(db, std::string("SELECT count(*) FROM ") + table)) + "\n";
    Statement history = db.prepare("SELECT id || ' ' || at || ' ' || status || ' ' || fingerprint || ' ' || "
                                   "coalesce(notification_id, '-') FROM history ORDER BY at, id");
    while (history.step())
        content += history.text(0) + "\n";
    return content;
}

// The schema version 3 store of the migration tests, made 2^doublings times larger (copies of its
// notifications, events and outbox rows with new ids), so that migrating it takes long enough to be cut.
void makeLargeOldStore(const std::string& path, int doublings)
{
    Poco::File(std::string(ALERTGATE_FIXTURES_DIR) + "/../store/v3-f621bfd.db").copyTo(path);
    Database db(path, Database::Mode::ReadWrite, 5000);
    for (int i = 0; i < doublings; ++i)
    {
        Transaction transaction(db);
        std::string offset = std::to_string(integer(db, "SELECT max(id) FROM notifications"));
        std::string eventOffset = std::to_string(integer(db, "SELECT max(id) FROM alert_events"));
        std::string outboxOffset = std::to_string(integer(db, "SELECT coalesce(max(id), 0) FROM outbox"));
        db.execute("CREATE TEMP TABLE n AS SELECT * FROM notifications; UPDATE n SET id = id + " + offset +
                   "; INSERT INTO notifications SELECT * FROM n; DROP TABLE n;"
                   "CREATE TEMP TABLE e AS SELECT * FROM alert_events; UPDATE e SET id = id + " +
                   eventOffset + ", notification_id = notification_id + " + offset +
                   "; INSERT INTO alert_events SELECT * FROM e; DROP TABLE e;"
                   "CREATE TEMP TABLE o AS SELECT * FROM outbox; UPDATE o SET id = id + " +
                   outboxOffset + ", notification_id = notification_id + " + offset +
                   "; INSERT INTO outbox SELECT * FROM o; DROP TABLE o;");
        transaction.commit();
    }
}

/// Clients posting new alerts (and resolving every second one) until stopped; remembers what was answered
/// 200.
class Load
{
public:
    explicit Load(TestGateway& gateway, int firstNumber) : _gateway(gateway), _next(firstNumber)
    {
        for (int i = 0; i < 4; ++i)
            _threads.emplace_back([this] { post(); });
    }

    ~Load() { stop(); }

    void stop()
    {
        _stopping = true;
        for (auto& thread : _threads)
            if (thread.joinable())
                thread.join();
    }

    std::set<std::string> firing() const { return _firing; }
    std::set<std::string> resolved() const { return _resolved; }
    std::set<std::string> either() const { return _either; }
    std::set<int> acknowledged() const { return _acknowledged; }
    int next() const { return _next; }

private:
    // Answered 200, or not (refused, reset, no answer: the cut).
    bool acknowledged(const TestAlert& alert)
    {
        try
        {
            return _gateway.post(webhookBody({alert})).status == 200;
        }
        catch (const std::exception&)
        {
            return false;
        }
    }

    void post()
    {
        while (!_stopping)
        {
            int number = _next++;
            TestAlert alert = diskAlert(fingerprintOf(number), instanceOf(number), "warning");
            if (!acknowledged(alert))
                continue;
            {
                std::lock_guard<std::mutex> lock(_mutex);
                _acknowledged.insert(number);
            }
            if (number % 2 == 0)
            {
                std::lock_guard<std::mutex> lock(_mutex);
                _firing.insert(alert.fingerprint);
                continue;
            }
            alert.status = "resolved";
            bool resolved = acknowledged(alert);
            std::lock_guard<std::mutex> lock(_mutex);
            // A resolution the cut left unanswered may or may not be stored: either state is right.
            (resolved ? _resolved : _either).insert(alert.fingerprint);
        }
    }

    TestGateway& _gateway;
    std::atomic<int> _next;
    std::atomic<bool> _stopping{false};
    std::mutex _mutex;
    std::set<std::string> _firing;   /// Acknowledged firing (and not acknowledged resolved).
    std::set<std::string> _resolved; /// Acknowledged resolved.
    std::set<std::string> _either;   /// Acknowledged firing, resolution sent but not answered.
    std::set<int> _acknowledged;     /// Numbers whose firing notification was answered 200.
    std::vector<std::thread> _threads;
};

/// What the loads of all the cuts so far had answered 200.
struct Acknowledged
{
    std::set<std::string> firing, resolved, either;
    std::set<int> numbers;

    void add(const Load& load)
    {
        for (const auto& [from, to] :
             {std::make_pair(load.firing(), &firing), std::make_pair(load.resolved(), &resolved),
              std::make_pair(load.either(), &either)})
            to->insert(from.begin(), from.end());
        auto n = load.acknowledged();
        numbers.insert(n.begin(), n.end());
    }

    // Every alert whose firing was answered 200 (and its resolution was not) fires in stored.
    void assertFiringKept(const std::set<std::string>& stored, int cut) const
    {
        for (const auto& fingerprint : firing)
            CPPUNIT_ASSERT_MESSAGE(fingerprint + " acknowledged firing, lost after cut " +
                                       std::to_string(cut),
                                   stored.count(fingerprint + " firing") == 1);
    }
};

// The large schema version 3 store in place of the gateway's, migrated to the current schema first when
// migrated is true (then it keeps the old file layout only), synced so that a first cut keeps it whole.
// Returns what it holds (contentOf).
std::string placeLargeOldStore(TestGateway& gateway, bool migrated)
{
    TempDir made;
    makeLargeOldStore(made.file("old.db"), 6);
    if (migrated)
    {
        Database db(made.file("old.db"), Database::Mode::ReadWrite, 5000);
        Schema::migrate(db);
    }
    writeFile(gateway.storePath(), readFile(made.file("old.db")), true);
    return contentOf(made.file("old.db"));
}

// Starts the daemon, kills it delayMs after it logged the line, and cuts the power.
void cutAfterLogLine(TestGateway& gateway, PowerCutFs& fs, const std::string& line, int delayMs)
{
    {
        GatewayProcess starting(gateway.configFile(), {}, line);
        std::this_thread::sleep_for(std::chrono::milliseconds(delayMs));
        starting.kill();
    }
    fs.cut();
}

// New alerts posted before a cut: each writes about 16 pages to the WAL, so together they pass
// Checkpointer::kWalPages and a checkpoint has run when the cut comes (the cut may fall in the next one).
constexpr int kPostsPastACheckpoint = 300;

// Webhooks until minPosts more were sent (and, if named, the log says logged), then a random moment of
// up to maxDelayMs more: the power goes, and comes back. Returns the alerts the store holds after the
// restart ("<fingerprint> <status>"), having checked that the start ran the whole-file check and passed.
std::set<std::string> cutUnderLoad(TestGateway& gateway, PowerCutFs& fs, Acknowledged& acknowledged,
                                   int& next, int minPosts, int maxDelayMs, const std::string& logged = "")
{
    std::mt19937 random(std::random_device{}());
    {
        Load load(gateway, next);
        CPPUNIT_ASSERT(eventually([&] { return load.next() >= next + minPosts; }, 60000));
        if (!logged.empty())
        {
            bool seen = gateway.process().waitForLog(logged, 30000);
            CPPUNIT_ASSERT_MESSAGE(gateway.process().log(), seen);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(random() % maxDelayMs));
        gateway.process().kill();
        load.stop();
        next = load.next() + 1;
        acknowledged.add(load);
    }
    fs.cut();
    gateway.start();
    CPPUNIT_ASSERT_MESSAGE(gateway.process().log(),
                           gateway.process().log().find("quick_check of the whole file passed") !=
                               std::string::npos);
    auto stored = gateway.texts("SELECT fingerprint || ' ' || status FROM alerts");
    return std::set<std::string>(stored.begin(), stored.end());
}

} // namespace

/// Power cuts on a file system that loses what was not fsync'd (tests/fakes/powercut_fs.py).
class PowerCutTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(PowerCutTest);
    CPPUNIT_TEST(testUnsyncedWriteIsGoneAfterCut);
    CPPUNIT_TEST(testAcknowledgedNotificationsSurviveCuts);
    CPPUNIT_TEST(testCutsWhilePruningAndDelivering);
    CPPUNIT_TEST(testCutsDuringMigrationLoseNoRow);
    CPPUNIT_TEST(testCutsDuringRewriteKeepTheStore);
    CPPUNIT_TEST_SUITE_END();

public:
    // The file system really drops what was not synced: otherwise the test below would prove nothing.
    void testUnsyncedWriteIsGoneAfterCut()
    {
        TempDir dir;
        PowerCutFs fs(dir.path());
        writeFile(fs.mountPoint() + "/unsynced", "written, never fsync'd", false);
        writeFile(fs.mountPoint() + "/synced", "written and fsync'd", true);
        CPPUNIT_ASSERT_EQUAL(std::string("written, never fsync'd"), readFile(fs.mountPoint() + "/unsynced"));
        fs.cut();
        CPPUNIT_ASSERT_EQUAL(std::string(), readFile(fs.mountPoint() + "/unsynced"));
        CPPUNIT_ASSERT_EQUAL(std::string("written and fsync'd"), readFile(fs.mountPoint() + "/synced"));
    }

    // Cuts at random moments under concurrent webhooks (commits, checkpoints, retention passes all run):
    // after each, the store opens, its whole-file check runs and passes, and every notification answered
    // 200 is there: acknowledged firing alerts fire, acknowledged resolutions are not undone.
    void testAcknowledgedNotificationsSurviveCuts()
    {
        TempDir dir;
        PowerCutFs fs(dir.path());
        TestGateway gateway("[store]\nretention = 1h\n", fs.mountPoint());
        gateway.start();
        Acknowledged acknowledged;
        int next = 0;
        for (int cut = 0; cut < 4; ++cut)
        {
            auto all = cutUnderLoad(gateway, fs, acknowledged, next, kPostsPastACheckpoint, 500);
            acknowledged.assertFiringKept(all, cut);
            const std::string after = " after cut " + std::to_string(cut);
            for (const auto& fingerprint : acknowledged.resolved)
                CPPUNIT_ASSERT_MESSAGE(fingerprint + " acknowledged resolved, lost" + after,
                                       all.count(fingerprint + " resolved") == 1);
            for (const auto& fingerprint : acknowledged.either)
                CPPUNIT_ASSERT_MESSAGE(
                    fingerprint + " acknowledged firing, lost" + after,
                    all.count(fingerprint + " firing") + all.count(fingerprint + " resolved") == 1);
        }
        CPPUNIT_ASSERT(acknowledged.firing.size() + acknowledged.resolved.size() >= 400);
    }

    // Retention pruning every second (retention 2 s) and a Slack channel delivering while the cuts come:
    // alerts still firing are never pruned, no acknowledged resolution comes back as firing, the store
    // always opens and passes its check, and after the last restart every acknowledged notification
    // reaches Slack (at least once: a delivery the cut left unrecorded is sent again).
    void testCutsWhilePruningAndDelivering()
    {
        TempDir dir;
        PowerCutFs fs(dir.path());
        TestCertificates certificates;
        FakeSlackServer slack("[]", &certificates);
        TestGateway gateway("[store]\nretention = 2s\n[delivery]\nretry_initial = 100ms\nretry_max = 1s\n"
                            "[slack]\nwebhook_url = " +
                                slack.url("/services/T000/B000/XXXX") +
                                "\nca_file = " + certificates.caFile() + "\n",
                            fs.mountPoint());
        gateway.start();
        Acknowledged acknowledged;
        int next = 0;
        for (int cut = 0; cut < 3; ++cut)
        {
            // Retention deletes while the load goes on: the cut may come in the middle of a pass.
            auto all = cutUnderLoad(gateway, fs, acknowledged, next, 60, 1500, "retention: deleted");
            acknowledged.assertFiringKept(all, cut);
            const std::string after = " after cut " + std::to_string(cut);
            for (const auto& fingerprint : acknowledged.resolved)
                CPPUNIT_ASSERT_MESSAGE(fingerprint + " acknowledged resolved, firing again" + after,
                                       all.count(fingerprint + " firing") == 0);
        }
        auto reachedSlack = [&] {
            std::string bodies;
            for (const auto& request : slack.requests())
                bodies += request.body;
            for (int number : acknowledged.numbers)
                if (bodies.find(instanceOf(number)) == std::string::npos)
                    return false;
            return true;
        };
        CPPUNIT_ASSERT_MESSAGE(std::to_string(acknowledged.numbers.size()) + " acknowledged, Slack got " +
                                   std::to_string(slack.requests().size()) + " messages",
                               eventually(reachedSlack, 120000));
        // A delivery is recorded durably once Slack answered: only the one in flight at a cut (the
        // dispatcher sends one at a time) may be sent again.
        std::multiset<std::string> bodies;
        for (const auto& request : slack.requests())
            bodies.insert(request.body);
        std::size_t distinct = std::set<std::string>(bodies.begin(), bodies.end()).size();
        CPPUNIT_ASSERT_MESSAGE(std::to_string(bodies.size() - distinct) + " messages sent twice",
                               bodies.size() - distinct <= 3);
    }

    // Cuts at several moments after the migration of a schema version 3 store began: each start opens the
    // store (the migration is one transaction: it is redone from the start), and when one finally runs
    // to the end, every row of the old store is there.
    void testCutsDuringMigrationLoseNoRow()
    {
        TempDir dir;
        PowerCutFs fs(dir.path());
        TestGateway gateway("", fs.mountPoint());
        const std::string before = placeLargeOldStore(gateway, false);
        int cutsDuringMigration = 0;
        for (int delayMs : {0, 20, 80, 250, 600})
        {
            cutAfterLogLine(gateway, fs, "migrating the schema", delayMs);
            if (gateway.pragma("user_version") != 3)
                break;
            ++cutsDuringMigration;
        }
        CPPUNIT_ASSERT(cutsDuringMigration >= 1);
        gateway.start();
        CPPUNIT_ASSERT_MESSAGE(gateway.process().log(),
                               gateway.process().log().find("quick_check of the whole file passed") !=
                                   std::string::npos);
        gateway.stop();
        CPPUNIT_ASSERT_EQUAL(before, contentOf(gateway.storePath()));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(Schema::currentVersion()), gateway.pragma("user_version"));
    }

    // A store of the current schema in the layout of every store before it (4 KiB pages) is rewritten at
    // start-up: cuts while the copy is written leave the old file whole, and the rewrite is done again at
    // the next start. Whenever it ends, the store holds what it held.
    void testCutsDuringRewriteKeepTheStore()
    {
        TempDir dir;
        PowerCutFs fs(dir.path());
        TestGateway gateway("", fs.mountPoint());
        const std::string before = placeLargeOldStore(gateway, true);
        CPPUNIT_ASSERT(gateway.pragma("page_size") != Database::kPageSize);
        int cutsDuringRewrite = 0;
        for (int delayMs : {0, 5, 20, 60, 200})
        {
            if (gateway.pragma("page_size") == Database::kPageSize)
                break;
            cutAfterLogLine(gateway, fs, "rewriting the store", delayMs);
            if (gateway.pragma("page_size") != Database::kPageSize)
                ++cutsDuringRewrite;
        }
        CPPUNIT_ASSERT(cutsDuringRewrite >= 1);
        gateway.start();
        gateway.stop();
        CPPUNIT_ASSERT_EQUAL(before, contentOf(gateway.storePath()));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(Database::kPageSize), gateway.pragma("page_size"));
        CPPUNIT_ASSERT(!Poco::File(gateway.storePath() + ".rewrite").exists());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(PowerCutTest);

} // namespace AlertGate::Test
