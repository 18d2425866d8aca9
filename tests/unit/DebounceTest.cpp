#include "signal/silence/Debounce.h"

#include <cppunit/extensions/HelperMacros.h>

#include <string>
#include <utility>
#include <vector>

namespace AlertGate {

namespace {

using std::chrono::milliseconds;

// Feeds (ms, active) edges; returns the times of the presses, e.g. "0 500".
std::string presses(const std::vector<std::pair<int, bool>>& edges, int quietMs = 50)
{
    Debounce debounce{milliseconds(quietMs)};
    const Debounce::Time t0 = Debounce::Time(std::chrono::hours(1));
    std::string text;
    for (const auto& [ms, active] : edges)
        if (debounce.press(active, t0 + milliseconds(ms)))
            text += (text.empty() ? "" : " ") + std::to_string(ms);
    return text;
}

} // namespace

class DebounceTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(DebounceTest);
    CPPUNIT_TEST(testCleanPresses);
    CPPUNIT_TEST(testBounceOnPressAndRelease);
    CPPUNIT_TEST(testShortTapDoesNotHideNextPress);
    CPPUNIT_TEST(testReleaseIsNoPress);
    CPPUNIT_TEST(testContinuousNoiseNeverPresses);
    CPPUNIT_TEST_SUITE_END();

public:
    void testCleanPresses()
    {
        CPPUNIT_ASSERT_EQUAL(std::string("0 1000"),
                             presses({{0, true}, {300, false}, {1000, true}, {1300, false}}));
    }

    void testBounceOnPressAndRelease()
    {
        CPPUNIT_ASSERT_EQUAL(std::string("0"), presses({{0, true},
                                                        {2, false},
                                                        {4, true},
                                                        {9, false},
                                                        {11, true},
                                                        {400, false},
                                                        {403, true},
                                                        {405, false}}));
    }

    void testShortTapDoesNotHideNextPress()
    {
        // The release at 20 is inside the press's bounce and ignored; the next press still counts.
        CPPUNIT_ASSERT_EQUAL(std::string("0 500"), presses({{0, true}, {20, false}, {500, true}}));
    }

    void testReleaseIsNoPress() { CPPUNIT_ASSERT_EQUAL(std::string(), presses({{0, false}, {900, false}})); }

    void testContinuousNoiseNeverPresses()
    {
        std::vector<std::pair<int, bool>> noise;
        for (int ms = 0; ms < 2000; ms += 10)
            noise.emplace_back(ms, (ms / 10) % 2 == 0);
        CPPUNIT_ASSERT_EQUAL(std::string("0"), presses(noise));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(DebounceTest);

} // namespace AlertGate
