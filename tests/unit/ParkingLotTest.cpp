#include "http/server/ParkingLot.h"

#include <cppunit/extensions/HelperMacros.h>

#include <string>

namespace AlertGate {

namespace {

using Lot = ParkingLot<std::string>;
using std::chrono::seconds;

const Lot::TimePoint kStart{seconds(1000)};

} // namespace

class ParkingLotTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(ParkingLotTest);
    CPPUNIT_TEST(testEmptyLotHasNoOldestAndNoDeadline);
    CPPUNIT_TEST(testOldestIsTheFirstParked);
    CPPUNIT_TEST(testTakeRemovesAndReturnsTheItem);
    CPPUNIT_TEST(testParkingAgainMakesAnIdTheNewest);
    CPPUNIT_TEST(testExpiredAreThoseWhoseDeadlinePassed);
    CPPUNIT_TEST(testNextDeadlineIsTheEarliestNotTheOldest);
    CPPUNIT_TEST(testSetDeadlineMovesOnlyThatEntry);
    CPPUNIT_TEST_SUITE_END();

public:
    void testEmptyLotHasNoOldestAndNoDeadline()
    {
        Lot lot;
        CPPUNIT_ASSERT(!lot.oldest());
        CPPUNIT_ASSERT(!lot.nextDeadline());
        CPPUNIT_ASSERT(lot.expired(kStart).empty());
        CPPUNIT_ASSERT(!lot.take(3));
        CPPUNIT_ASSERT(lot.find(3) == nullptr);
    }

    void testOldestIsTheFirstParked()
    {
        Lot lot;
        lot.park(7, "seven", kStart + seconds(10));
        lot.park(3, "three", kStart + seconds(5));
        lot.park(9, "nine", kStart + seconds(1));
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), lot.size());
        CPPUNIT_ASSERT_EQUAL(7, *lot.oldest());
        CPPUNIT_ASSERT((lot.ids() == std::vector<int>{7, 3, 9}));
    }

    void testTakeRemovesAndReturnsTheItem()
    {
        Lot lot;
        lot.park(7, "seven", kStart);
        lot.park(3, "three", kStart);
        CPPUNIT_ASSERT_EQUAL(std::string("three"), *lot.find(3));
        CPPUNIT_ASSERT_EQUAL(std::string("seven"), *lot.take(7));
        CPPUNIT_ASSERT(lot.find(7) == nullptr);
        CPPUNIT_ASSERT_EQUAL(3, *lot.oldest());
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), lot.size());
    }

    void testParkingAgainMakesAnIdTheNewest()
    {
        Lot lot;
        lot.park(7, "seven", kStart);
        lot.park(3, "three", kStart);
        lot.park(7, "seven again", kStart);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), lot.size());
        CPPUNIT_ASSERT_EQUAL(3, *lot.oldest());
        CPPUNIT_ASSERT_EQUAL(std::string("seven again"), *lot.find(7));
    }

    void testExpiredAreThoseWhoseDeadlinePassed()
    {
        Lot lot;
        lot.park(1, "a", kStart + seconds(5));
        lot.park(2, "b", kStart + seconds(1));
        lot.park(3, "c", kStart + seconds(3));
        CPPUNIT_ASSERT(lot.expired(kStart).empty());
        CPPUNIT_ASSERT((lot.expired(kStart + seconds(1)) == std::vector<int>{2}));
        CPPUNIT_ASSERT((lot.expired(kStart + seconds(4)) == std::vector<int>{2, 3}));
        CPPUNIT_ASSERT((lot.expired(kStart + seconds(9)) == std::vector<int>{1, 2, 3}));
    }

    void testNextDeadlineIsTheEarliestNotTheOldest()
    {
        Lot lot;
        lot.park(1, "kept alive", kStart + seconds(15));
        lot.park(2, "new", kStart + seconds(10));
        CPPUNIT_ASSERT(*lot.nextDeadline() == kStart + seconds(10));
        lot.take(2);
        CPPUNIT_ASSERT(*lot.nextDeadline() == kStart + seconds(15));
    }

    void testSetDeadlineMovesOnlyThatEntry()
    {
        Lot lot;
        lot.park(1, "a", kStart + seconds(15));
        lot.park(2, "b", kStart + seconds(20));
        lot.setDeadline(1, kStart + seconds(30));
        lot.setDeadline(99, kStart); // Not parked: ignored.
        CPPUNIT_ASSERT(*lot.nextDeadline() == kStart + seconds(20));
        CPPUNIT_ASSERT_EQUAL(1, *lot.oldest());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ParkingLotTest);

} // namespace AlertGate
