#include "signal/silence/Silence.h"

#include <cppunit/extensions/HelperMacros.h>

namespace AlertGate {

class SilenceTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(SilenceTest);
    CPPUNIT_TEST(testNothingCoveredWithoutSilence);
    CPPUNIT_TEST(testCoversAlertsActiveAtOrBeforeTheSilence);
    CPPUNIT_TEST(testNewAlertAfterSilenceIsNotCovered);
    CPPUNIT_TEST(testSilenceCallsListenerRestoreDoesNot);
    CPPUNIT_TEST(testListenerMayReadSilence);
    CPPUNIT_TEST(testOlderSilenceDoesNotShrinkCoverage);
    CPPUNIT_TEST_SUITE_END();

    using Clock = std::chrono::system_clock;
    const Silence::TimePoint t0 = Clock::time_point(std::chrono::seconds(1700000000));

public:
    void testNothingCoveredWithoutSilence()
    {
        Silence silence;
        CPPUNIT_ASSERT(!silence.covers(t0));
        CPPUNIT_ASSERT(!silence.since());
        CPPUNIT_ASSERT_EQUAL(std::string(), silence.by());
    }

    void testCoversAlertsActiveAtOrBeforeTheSilence()
    {
        Silence silence;
        silence.silence(t0, "alice");
        CPPUNIT_ASSERT(silence.covers(t0 - std::chrono::hours(1)));
        CPPUNIT_ASSERT(silence.covers(t0));
        CPPUNIT_ASSERT(silence.since() == t0);
        CPPUNIT_ASSERT_EQUAL(std::string("alice"), silence.by());
    }

    void testNewAlertAfterSilenceIsNotCovered()
    {
        Silence silence;
        silence.silence(t0, "alice");
        CPPUNIT_ASSERT(!silence.covers(t0 + std::chrono::milliseconds(1)));
    }

    void testSilenceCallsListenerRestoreDoesNot()
    {
        Silence silence;
        int calls = 0;
        silence.setListener([&] { ++calls; });
        silence.restore(t0, "button");
        CPPUNIT_ASSERT_EQUAL(0, calls);
        CPPUNIT_ASSERT(silence.covers(t0));
        silence.silence(t0 + std::chrono::seconds(5), "api");
        CPPUNIT_ASSERT_EQUAL(1, calls);
        CPPUNIT_ASSERT_EQUAL(std::string("api"), silence.by());
    }

    void testListenerMayReadSilence()
    {
        // The reconciler calls covers() from its listener: this must not deadlock.
        Silence silence;
        bool coveredInListener = false;
        silence.setListener([&] { coveredInListener = silence.covers(t0); });
        silence.silence(t0, "cli");
        CPPUNIT_ASSERT(coveredInListener);
    }

    void testOlderSilenceDoesNotShrinkCoverage()
    {
        Silence silence;
        silence.silence(t0, "alice");
        silence.silence(t0 - std::chrono::minutes(1), "bob");
        CPPUNIT_ASSERT(silence.covers(t0));
        CPPUNIT_ASSERT_EQUAL(std::string("alice"), silence.by());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SilenceTest);

} // namespace AlertGate
