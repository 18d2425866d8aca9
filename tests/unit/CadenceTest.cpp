#include "signal/buzzer/Cadence.h"
#include "FakeGpioLine.h"

#include <cppunit/extensions/HelperMacros.h>

#include <sstream>

namespace AlertGate {

namespace {

using std::chrono::milliseconds;
using Time = Cadence::Time;

const Time t0 = Time(std::chrono::hours(1000));

BuzzerPattern pattern(const std::string& name, int onMs, int offMs)
{
    return BuzzerPattern{name, milliseconds(onMs), milliseconds(offMs)};
}

// What GpioBuzzer's thread does, with simulated time: advance, then jump to the change it asks for.
void runUntil(Cadence& cadence, FakeGpioLine& line, Time from, Time until)
{
    for (Time now = from;;)
    {
        line.setNow(now);
        auto next = cadence.advance(now);
        if (!next || *next > until)
            return;
        CPPUNIT_ASSERT(*next > now);
        now = *next;
    }
}

// "level@ms-since-t0" for every write, e.g. "1@0 0@500".
std::string trace(const FakeGpioLine& line)
{
    std::ostringstream out;
    for (const auto& write : line.writes())
        out << (out.tellp() ? " " : "") << write.level << '@'
            << std::chrono::duration_cast<milliseconds>(write.at - t0).count();
    return out.str();
}

} // namespace

class CadenceTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(CadenceTest);
    CPPUNIT_TEST(testOnOffDurations);
    CPPUNIT_TEST(testContinuousPattern);
    CPPUNIT_TEST(testMaxSoundingStopsUntilPatternChanges);
    CPPUNIT_TEST(testQuietThenSamePatternSoundsAgain);
    CPPUNIT_TEST(testPatternChangeStartsAtOnce);
    CPPUNIT_TEST(testSamePatternKeepsCadence);
    CPPUNIT_TEST(testStop);
    CPPUNIT_TEST(testActiveLowInverts);
    CPPUNIT_TEST(testQuietLineIsDrivenInactive);
    CPPUNIT_TEST_SUITE_END();

public:
    void testOnOffDurations()
    {
        FakeGpioLine line;
        Cadence cadence(line, false, std::chrono::minutes(5));
        cadence.apply(pattern("warning", 200, 1800), t0);
        runUntil(cadence, line, t0, t0 + milliseconds(4500));
        CPPUNIT_ASSERT_EQUAL(std::string("1@0 0@200 1@2000 0@2200 1@4000 0@4200"), trace(line));
        CPPUNIT_ASSERT(cadence.sounding());
    }

    void testContinuousPattern()
    {
        FakeGpioLine line;
        Cadence cadence(line, false, milliseconds(3000));
        cadence.apply(pattern("siren", 1000, 0), t0);
        runUntil(cadence, line, t0, t0 + milliseconds(10000));
        CPPUNIT_ASSERT_EQUAL(std::string("1@0 0@3000"), trace(line));
    }

    void testMaxSoundingStopsUntilPatternChanges()
    {
        FakeGpioLine line;
        Cadence cadence(line, false, milliseconds(2500));
        cadence.apply(pattern("critical", 500, 500), t0);
        runUntil(cadence, line, t0, t0 + milliseconds(60000));
        CPPUNIT_ASSERT_EQUAL(std::string("1@0 0@500 1@1000 0@1500 1@2000 0@2500"), trace(line));
        CPPUNIT_ASSERT(!cadence.sounding());

        // The reconciler keeps asking for the same pattern: it stays quiet.
        cadence.apply(pattern("critical", 500, 500), t0 + milliseconds(70000));
        CPPUNIT_ASSERT(!cadence.advance(t0 + milliseconds(70000)));
        CPPUNIT_ASSERT_EQUAL(std::size_t(6), line.writes().size());

        // Another pattern is news: it sounds.
        line.setNow(t0 + milliseconds(80000));
        cadence.apply(pattern("blind", 100, 900), t0 + milliseconds(80000));
        cadence.advance(t0 + milliseconds(80000));
        CPPUNIT_ASSERT_EQUAL(1, line.level());
        CPPUNIT_ASSERT(cadence.sounding());
    }

    void testQuietThenSamePatternSoundsAgain()
    {
        // Silenced, then a new critical alert fires: the same pattern starts again from the beginning.
        FakeGpioLine line;
        Cadence cadence(line, false, milliseconds(1000));
        cadence.apply(pattern("critical", 500, 500), t0);
        runUntil(cadence, line, t0, t0 + milliseconds(5000));
        cadence.apply(std::nullopt, t0 + milliseconds(6000));
        runUntil(cadence, line, t0 + milliseconds(6000), t0 + milliseconds(7000));
        cadence.apply(pattern("critical", 500, 500), t0 + milliseconds(8000));
        runUntil(cadence, line, t0 + milliseconds(8000), t0 + milliseconds(20000));
        CPPUNIT_ASSERT_EQUAL(std::string("1@0 0@500 1@8000 0@8500"), trace(line));
    }

    void testPatternChangeStartsAtOnce()
    {
        FakeGpioLine line;
        Cadence cadence(line, false, std::chrono::minutes(5));
        cadence.apply(pattern("warning", 200, 1800), t0);
        runUntil(cadence, line, t0, t0 + milliseconds(700));
        cadence.apply(pattern("critical", 500, 500), t0 + milliseconds(700));
        runUntil(cadence, line, t0 + milliseconds(700), t0 + milliseconds(2300));
        CPPUNIT_ASSERT_EQUAL(std::string("1@0 0@200 1@700 0@1200 1@1700 0@2200"), trace(line));
    }

    void testSamePatternKeepsCadence()
    {
        FakeGpioLine line;
        Cadence cadence(line, false, std::chrono::minutes(5));
        cadence.apply(pattern("critical", 500, 500), t0);
        runUntil(cadence, line, t0, t0 + milliseconds(250));
        cadence.apply(pattern("critical", 500, 500), t0 + milliseconds(250));
        runUntil(cadence, line, t0 + milliseconds(250), t0 + milliseconds(1200));
        CPPUNIT_ASSERT_EQUAL(std::string("1@0 0@500 1@1000"), trace(line));
    }

    void testStop()
    {
        FakeGpioLine line;
        Cadence cadence(line, false, std::chrono::minutes(5));
        cadence.apply(pattern("critical", 500, 500), t0);
        runUntil(cadence, line, t0, t0 + milliseconds(1200));
        cadence.apply(std::nullopt, t0 + milliseconds(1200));
        runUntil(cadence, line, t0 + milliseconds(1200), t0 + milliseconds(9000));
        CPPUNIT_ASSERT_EQUAL(std::string("1@0 0@500 1@1000 0@1200"), trace(line));
        CPPUNIT_ASSERT(!cadence.sounding());
    }

    void testActiveLowInverts()
    {
        FakeGpioLine line;
        Cadence cadence(line, true, std::chrono::minutes(5));
        runUntil(cadence, line, t0, t0);
        cadence.apply(pattern("critical", 500, 500), t0 + milliseconds(100));
        runUntil(cadence, line, t0 + milliseconds(100), t0 + milliseconds(1100));
        cadence.quiet();
        CPPUNIT_ASSERT_EQUAL(std::string("1@0 0@100 1@600 0@1100 1@1100"), trace(line));
    }

    void testQuietLineIsDrivenInactive()
    {
        FakeGpioLine line;
        Cadence cadence(line, false, std::chrono::minutes(5));
        runUntil(cadence, line, t0, t0 + milliseconds(1000));
        CPPUNIT_ASSERT_EQUAL(std::string("0@0"), trace(line));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(CadenceTest);

} // namespace AlertGate
