#include "signal/buzzer/GpioBuzzer.h"
#include "FakeGpioLine.h"

#include <cppunit/extensions/HelperMacros.h>

#include <thread>

namespace AlertGate {

namespace {

using std::chrono::milliseconds;

// Generous: only a stuck thread hits it. Nothing here measures how fast the buzzer reacts.
const milliseconds patience(10000);

template <typename Predicate> bool eventually(Predicate predicate)
{
    auto deadline = std::chrono::steady_clock::now() + patience;
    while (!predicate())
    {
        if (std::chrono::steady_clock::now() > deadline)
            return false;
        std::this_thread::sleep_for(milliseconds(2));
    }
    return true;
}

// The buzzer owns its line; the test keeps the recording one, so it can look after the buzzer is gone.
class ForwardingLine : public GpioLine
{
public:
    explicit ForwardingLine(FakeGpioLine& target) : _target(target) {}
    void setLevel(int level) override { _target.setLevel(level); }

private:
    FakeGpioLine& _target;
};

std::unique_ptr<GpioLine> forwardTo(FakeGpioLine& fake)
{
    return std::make_unique<ForwardingLine>(fake);
}

const BuzzerPattern continuous{"critical", milliseconds(1000), milliseconds(0)};

} // namespace

// The thread around Cadence (whose timing CadenceTest covers exactly): hand-over, stop, failures.
class GpioBuzzerTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(GpioBuzzerTest);
    CPPUNIT_TEST(testStartsInactive);
    CPPUNIT_TEST(testApplySoundsAndQuietStops);
    CPPUNIT_TEST(testCadenceRunsOnItsThread);
    CPPUNIT_TEST(testDestructionLeavesLineInactive);
    CPPUNIT_TEST(testFailingLineIsUnhealthyThenRecovers);
    CPPUNIT_TEST_SUITE_END();

public:
    void testStartsInactive()
    {
        FakeGpioLine fake;
        GpioBuzzer buzzer(forwardTo(fake), true, std::chrono::minutes(5));
        CPPUNIT_ASSERT_EQUAL(1, fake.level()); // active-low: high is quiet
        CPPUNIT_ASSERT(!buzzer.sounding());
        CPPUNIT_ASSERT(buzzer.healthy());
    }

    void testApplySoundsAndQuietStops()
    {
        FakeGpioLine fake;
        GpioBuzzer buzzer(forwardTo(fake), false, std::chrono::minutes(5));
        buzzer.apply(continuous);
        CPPUNIT_ASSERT(fake.waitForWrites(2, patience));
        CPPUNIT_ASSERT_EQUAL(1, fake.level());
        CPPUNIT_ASSERT(buzzer.sounding());
        buzzer.apply(std::nullopt);
        CPPUNIT_ASSERT(fake.waitForWrites(3, patience));
        CPPUNIT_ASSERT_EQUAL(0, fake.level());
        CPPUNIT_ASSERT(!buzzer.sounding());
    }

    void testCadenceRunsOnItsThread()
    {
        FakeGpioLine fake;
        GpioBuzzer buzzer(forwardTo(fake), false, std::chrono::minutes(5));
        buzzer.apply(BuzzerPattern{"fast", milliseconds(5), milliseconds(5)});
        CPPUNIT_ASSERT(fake.waitForWrites(6, patience));
        auto writes = fake.writes();
        for (std::size_t i = 1; i < writes.size(); ++i)
            CPPUNIT_ASSERT_EQUAL(i % 2, static_cast<std::size_t>(writes[i].level));
    }

    void testDestructionLeavesLineInactive()
    {
        FakeGpioLine fake;
        {
            GpioBuzzer buzzer(forwardTo(fake), false, std::chrono::minutes(5));
            buzzer.apply(continuous);
            CPPUNIT_ASSERT(fake.waitForWrites(2, patience));
            CPPUNIT_ASSERT_EQUAL(1, fake.level());
        }
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), fake.writes().size());
        CPPUNIT_ASSERT_EQUAL(0, fake.level());
    }

    void testFailingLineIsUnhealthyThenRecovers()
    {
        FakeGpioLine fake;
        GpioBuzzer buzzer(forwardTo(fake), false, std::chrono::minutes(5));
        fake.failWrites(true);
        buzzer.apply(continuous);
        CPPUNIT_ASSERT(eventually([&] { return !buzzer.healthy(); }));
        fake.failWrites(false);
        CPPUNIT_ASSERT(eventually([&] { return buzzer.healthy(); }));
        CPPUNIT_ASSERT_EQUAL(1, fake.level());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(GpioBuzzerTest);

} // namespace AlertGate
