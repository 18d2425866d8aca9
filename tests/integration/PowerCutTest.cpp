#include "Eventually.h"
#include "Payloads.h"
#include "PowerCutFs.h"
#include "TempDir.h"
#include "TestGateway.h"

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
            TestAlert alert =
                diskAlert(fingerprintOf(number), "host" + std::to_string(number) + ":9100", "warning");
            if (!acknowledged(alert))
                continue;
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
    std::vector<std::thread> _threads;
};

} // namespace

/// Power cuts on a file system that loses what was not fsync'd (tests/fakes/powercut_fs.py).
class PowerCutTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(PowerCutTest);
    CPPUNIT_TEST(testUnsyncedWriteIsGoneAfterCut);
    CPPUNIT_TEST(testAcknowledgedNotificationsSurviveCuts);
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
        std::mt19937 random(std::random_device{}());
        int next = 0;
        std::set<std::string> firing, resolved, either;
        for (int cut = 0; cut < 4; ++cut)
        {
            {
                Load load(gateway, next);
                // Until a few hundred posts were answered, then a random moment more.
                CPPUNIT_ASSERT(eventually([&] { return load.next() >= next + 100; }, 60000));
                std::this_thread::sleep_for(std::chrono::milliseconds(random() % 500));
                gateway.process().kill();
                load.stop();
                next = load.next() + 1;
                auto f = load.firing();
                auto r = load.resolved();
                auto e = load.either();
                firing.insert(f.begin(), f.end());
                resolved.insert(r.begin(), r.end());
                either.insert(e.begin(), e.end());
            }
            fs.cut();
            gateway.start();
            CPPUNIT_ASSERT_MESSAGE(gateway.process().log(),
                                   gateway.process().log().find("quick_check of the whole file passed") !=
                                       std::string::npos);
            auto stored = gateway.texts("SELECT fingerprint || ' ' || status FROM alerts");
            std::set<std::string> all(stored.begin(), stored.end());
            for (const auto& fingerprint : firing)
                CPPUNIT_ASSERT_MESSAGE(fingerprint + " acknowledged firing, lost after cut " +
                                           std::to_string(cut),
                                       all.count(fingerprint + " firing") == 1);
            for (const auto& fingerprint : resolved)
                CPPUNIT_ASSERT_MESSAGE(fingerprint + " acknowledged resolved, lost after cut " +
                                           std::to_string(cut),
                                       all.count(fingerprint + " resolved") == 1);
            for (const auto& fingerprint : either)
                CPPUNIT_ASSERT_MESSAGE(
                    fingerprint + " acknowledged firing, lost after cut " + std::to_string(cut),
                    all.count(fingerprint + " firing") + all.count(fingerprint + " resolved") == 1);
        }
        CPPUNIT_ASSERT(firing.size() + resolved.size() >= 400);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(PowerCutTest);

} // namespace AlertGate::Test
