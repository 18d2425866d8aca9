#include "alertmanager/AlertmanagerSync.h"
#include "alertmanager/AlertmanagerError.h"

#include <cppunit/extensions/HelperMacros.h>

namespace AlertGate {

namespace {

constexpr std::int64_t SECOND = 1000000;

// Alertmanager and the store, as far as one round sees them.
struct World
{
    std::string answer = "[]";
    bool reachable = true;
    std::vector<HeldAlert> held;
    std::vector<ReconcilePlan> applied;
    int asked = 0;
    std::vector<bool> observed;

    AlertmanagerSync sync(std::int64_t interval = 60 * SECOND)
    {
        return AlertmanagerSync({[this] {
                                     ++asked;
                                     if (!reachable)
                                         throw AlertmanagerError("connection refused");
                                     return AlertmanagerAlerts::parse(answer);
                                 },
                                 [this] { return held; },
                                 [this](const ReconcilePlan& plan) { applied.push_back(plan); },
                                 [this](bool reached, std::size_t) { observed.push_back(reached); }},
                                interval);
    }
};

} // namespace

class AlertmanagerSyncTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(AlertmanagerSyncTest);
    CPPUNIT_TEST(testFirstStepAsksAtOnceThenEveryInterval);
    CPPUNIT_TEST(testResolvesWhatAlertmanagerNoLongerHolds);
    CPPUNIT_TEST(testUnreachableChangesNothing);
    CPPUNIT_TEST(testNothingToChangeWritesNothing);
    CPPUNIT_TEST_SUITE_END();

public:
    void testFirstStepAsksAtOnceThenEveryInterval()
    {
        World world;
        auto sync = world.sync(60 * SECOND);
        CPPUNIT_ASSERT_EQUAL(1060 * SECOND, sync.step(1000 * SECOND));
        CPPUNIT_ASSERT_EQUAL(1060 * SECOND, sync.step(1030 * SECOND));
        CPPUNIT_ASSERT_EQUAL(1, world.asked);
        CPPUNIT_ASSERT_EQUAL(1120 * SECOND, sync.step(1060 * SECOND));
        CPPUNIT_ASSERT_EQUAL(2, world.asked);
    }

    void testResolvesWhatAlertmanagerNoLongerHolds()
    {
        World world;
        world.answer = R"([{"fingerprint":"kept","status":{"silencedBy":["s"]}}])";
        world.held = {{"kept", SECOND, Suppression::None}, {"gone", SECOND, Suppression::None}};
        auto sync = world.sync();
        sync.step(100 * SECOND);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), world.applied.size());
        CPPUNIT_ASSERT(std::vector<std::string>{"gone"} == world.applied[0].resolve);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), world.applied[0].suppress.size());
        CPPUNIT_ASSERT(world.applied[0].suppress[0].suppression == Suppression::Silenced);
        CPPUNIT_ASSERT(sync.lastError().empty());
    }

    void testUnreachableChangesNothing()
    {
        World world;
        world.reachable = false;
        world.held = {{"a", SECOND, Suppression::None}};
        auto sync = world.sync(10 * SECOND);
        CPPUNIT_ASSERT_EQUAL(110 * SECOND, sync.step(100 * SECOND));
        CPPUNIT_ASSERT(world.applied.empty());
        CPPUNIT_ASSERT_EQUAL(std::string("connection refused"), sync.lastError());
        CPPUNIT_ASSERT(std::vector<bool>{false} == world.observed);
        world.reachable = true;
        sync.step(110 * SECOND);
        CPPUNIT_ASSERT(sync.lastError().empty());
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), world.applied.size());
        CPPUNIT_ASSERT((std::vector<bool>{false, true}) == world.observed);
    }

    void testNothingToChangeWritesNothing()
    {
        World world;
        world.answer = R"([{"fingerprint":"a","status":{}}])";
        world.held = {{"a", SECOND, Suppression::None}};
        auto sync = world.sync();
        sync.step(100 * SECOND);
        CPPUNIT_ASSERT(world.applied.empty());
        CPPUNIT_ASSERT(std::vector<bool>{true} == world.observed);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(AlertmanagerSyncTest);

} // namespace AlertGate
