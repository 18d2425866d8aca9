#include "core/WorkerLoop.h"

#include "Eventually.h"

#include <cppunit/extensions/HelperMacros.h>

#include <atomic>

namespace AlertGate {

class WorkerLoopTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(WorkerLoopTest);
    CPPUNIT_TEST(testStepsAtStartAndOnEachWakeUp);
    CPPUNIT_TEST(testStepsAgainAtOnceWhenTheStepSaysSo);
    CPPUNIT_TEST(testStopDoesNotWaitForTheDeadline);
    CPPUNIT_TEST_SUITE_END();

public:
    void testStepsAtStartAndOnEachWakeUp()
    {
        SystemClock clock;
        std::atomic<int> steps{0};
        WorkerLoop loop("test-loop", clock, [&](std::int64_t) {
            ++steps;
            return WorkerLoop::IDLE;
        });
        loop.start();
        CPPUNIT_ASSERT(Test::eventually([&] { return steps == 1; }, 30000));
        loop.wake();
        CPPUNIT_ASSERT(Test::eventually([&] { return steps == 2; }, 30000));
        loop.stop();
        CPPUNIT_ASSERT_EQUAL(2, steps.load());
    }

    void testStepsAgainAtOnceWhenTheStepSaysSo()
    {
        SystemClock clock;
        std::atomic<int> steps{0};
        WorkerLoop loop("test-loop", clock,
                        [&](std::int64_t now) { return ++steps < 5 ? now : WorkerLoop::IDLE; });
        loop.start();
        CPPUNIT_ASSERT(Test::eventually([&] { return steps == 5; }, 30000));
        loop.stop();
        CPPUNIT_ASSERT_EQUAL(5, steps.load());
    }

    // The step asks for a day; stop() must end the wait rather than sit it out (ctest's timeout would
    // fail this test otherwise).
    void testStopDoesNotWaitForTheDeadline()
    {
        SystemClock clock;
        std::atomic<int> steps{0};
        WorkerLoop loop("test-loop", clock, [&](std::int64_t now) {
            ++steps;
            return now + std::int64_t(24) * 3600 * 1000 * 1000;
        });
        loop.start();
        CPPUNIT_ASSERT(Test::eventually([&] { return steps == 1; }, 30000));
        loop.stop();
        loop.stop();
        CPPUNIT_ASSERT_EQUAL(1, steps.load());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(WorkerLoopTest);

} // namespace AlertGate
