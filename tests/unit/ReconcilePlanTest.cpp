#include "alertmanager/ReconcilePlan.h"

#include <cppunit/extensions/HelperMacros.h>

namespace AlertGate {

class ReconcilePlanTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(ReconcilePlanTest);
    CPPUNIT_TEST(testGoneFromAlertmanagerIsResolved);
    CPPUNIT_TEST(testNotifiedAfterTheQuestionIsLeftAlone);
    CPPUNIT_TEST(testSuppressionChangesOnly);
    CPPUNIT_TEST(testNothingHeldNothingToDo);
    CPPUNIT_TEST_SUITE_END();

public:
    void testGoneFromAlertmanagerIsResolved()
    {
        auto alertmanager = AlertmanagerAlerts::parse(R"([{"fingerprint":"kept","status":{}}])");
        auto plan = ReconcilePlan::make({{"kept", 10, Suppression::None}, {"gone", 10, Suppression::None}},
                                        alertmanager, 100);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), plan.resolve.size());
        CPPUNIT_ASSERT_EQUAL(std::string("gone"), plan.resolve[0]);
        CPPUNIT_ASSERT(plan.suppress.empty());
    }

    void testNotifiedAfterTheQuestionIsLeftAlone()
    {
        auto alertmanager = AlertmanagerAlerts::parse("[]");
        auto plan = ReconcilePlan::make({{"fresh", 100, Suppression::None}, {"new", 150, Suppression::None}},
                                        alertmanager, 100);
        CPPUNIT_ASSERT(plan.empty());
    }

    void testSuppressionChangesOnly()
    {
        auto alertmanager = AlertmanagerAlerts::parse(
            R"([{"fingerprint":"s","status":{"silencedBy":["x"]}},
                {"fingerprint":"i","status":{"inhibitedBy":["y"]}},
                {"fingerprint":"back","status":{"silencedBy":[],"inhibitedBy":[]}},
                {"fingerprint":"same","status":{"inhibitedBy":["y"]}}])");
        auto plan = ReconcilePlan::make({{"s", 1, Suppression::None},
                                         {"i", 1, Suppression::Silenced},
                                         {"back", 1, Suppression::Inhibited},
                                         {"same", 1, Suppression::Inhibited}},
                                        alertmanager, 100);
        CPPUNIT_ASSERT(plan.resolve.empty());
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), plan.suppress.size());
        CPPUNIT_ASSERT_EQUAL(std::string("s"), plan.suppress[0].fingerprint);
        CPPUNIT_ASSERT(plan.suppress[0].suppression == Suppression::Silenced);
        CPPUNIT_ASSERT_EQUAL(std::string("i"), plan.suppress[1].fingerprint);
        CPPUNIT_ASSERT(plan.suppress[1].suppression == Suppression::Inhibited);
        CPPUNIT_ASSERT_EQUAL(std::string("back"), plan.suppress[2].fingerprint);
        CPPUNIT_ASSERT(plan.suppress[2].suppression == Suppression::None);
    }

    void testNothingHeldNothingToDo()
    {
        auto alertmanager = AlertmanagerAlerts::parse(R"([{"fingerprint":"a","status":{}}])");
        CPPUNIT_ASSERT(ReconcilePlan::make({}, alertmanager, 100).empty());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ReconcilePlanTest);

} // namespace AlertGate
