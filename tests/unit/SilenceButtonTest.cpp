#include "signal/silence/SilenceButton.h"
#include "signal/gpio/GpioError.h"

#include <cppunit/extensions/HelperMacros.h>

#include <condition_variable>
#include <deque>
#include <mutex>

namespace AlertGate {

namespace {

using std::chrono::milliseconds;

// Edges the test queues up, handed out as a line's edge events would be.
class FakeEdgeLine : public GpioEdgeLine
{
public:
    void push(int level)
    {
        {
            std::lock_guard<std::mutex> lock(_mutex);
            _edges.push_back(level);
        }
        _changed.notify_all();
    }

    std::optional<int> waitEdge(milliseconds timeout) override
    {
        std::unique_lock<std::mutex> lock(_mutex);
        if (!_changed.wait_for(lock, timeout, [&] { return !_edges.empty(); }))
            return std::nullopt;
        int level = _edges.front();
        _edges.pop_front();
        _changed.notify_all();
        return level;
    }

    bool waitDrained()
    {
        std::unique_lock<std::mutex> lock(_mutex);
        return _changed.wait_for(lock, std::chrono::seconds(10), [&] { return _edges.empty(); });
    }

private:
    std::mutex _mutex;
    std::condition_variable _changed;
    std::deque<int> _edges;
};

class FakeEdgeLineHandle : public GpioEdgeLine
{
public:
    explicit FakeEdgeLineHandle(FakeEdgeLine& line) : _line(line) {}
    std::optional<int> waitEdge(milliseconds timeout) override { return _line.waitEdge(timeout); }

private:
    FakeEdgeLine& _line;
};

// Counts presses; lets the test wait for a count (generous limit: only a stuck thread hits it).
class Presses
{
public:
    void operator()()
    {
        {
            std::lock_guard<std::mutex> lock(_mutex);
            ++_count;
        }
        _changed.notify_all();
    }

    bool waitFor(int count)
    {
        std::unique_lock<std::mutex> lock(_mutex);
        return _changed.wait_for(lock, std::chrono::seconds(10), [&] { return _count >= count; });
    }

    int count()
    {
        std::lock_guard<std::mutex> lock(_mutex);
        return _count;
    }

private:
    std::mutex _mutex;
    std::condition_variable _changed;
    int _count = 0;
};

} // namespace

class SilenceButtonTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(SilenceButtonTest);
    CPPUNIT_TEST(testActiveLowPressesCallBack);
    CPPUNIT_TEST(testActiveHigh);
    CPPUNIT_TEST(testBounceIsOnePress);
    CPPUNIT_TEST(testFailingCallbackKeepsButtonAlive);
    CPPUNIT_TEST_SUITE_END();

public:
    void testActiveLowPressesCallBack()
    {
        FakeEdgeLine line;
        Presses presses;
        SilenceButton button(std::make_unique<FakeEdgeLineHandle>(line), true, milliseconds(0),
                             [&] { presses(); });
        for (int level : {0, 1, 0, 1})
            line.push(level);
        CPPUNIT_ASSERT(presses.waitFor(2));
        CPPUNIT_ASSERT_EQUAL(2, presses.count());
    }

    void testActiveHigh()
    {
        FakeEdgeLine line;
        Presses presses;
        SilenceButton button(std::make_unique<FakeEdgeLineHandle>(line), false, milliseconds(0),
                             [&] { presses(); });
        line.push(0); // a release: no press
        line.push(1);
        CPPUNIT_ASSERT(presses.waitFor(1));
        line.push(0);
        line.push(1);
        CPPUNIT_ASSERT(presses.waitFor(2));
    }

    void testBounceIsOnePress()
    {
        FakeEdgeLine line;
        Presses presses;
        {
            // An hour of debounce: every edge after the first is bounce.
            SilenceButton button(std::make_unique<FakeEdgeLineHandle>(line), true, std::chrono::hours(1),
                                 [&] { presses(); });
            for (int level : {0, 1, 0, 1, 0})
                line.push(level);
            CPPUNIT_ASSERT(line.waitDrained());
        } // joins the thread: the last edge taken has been handled
        CPPUNIT_ASSERT_EQUAL(1, presses.count());
    }

    void testFailingCallbackKeepsButtonAlive()
    {
        FakeEdgeLine line;
        Presses presses;
        bool first = true;
        SilenceButton button(std::make_unique<FakeEdgeLineHandle>(line), true, milliseconds(0), [&] {
            presses();
            if (first)
            {
                first = false;
                throw GpioError("store down");
            }
        });
        line.push(0);
        line.push(0);
        CPPUNIT_ASSERT(presses.waitFor(2));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SilenceButtonTest);

} // namespace AlertGate
