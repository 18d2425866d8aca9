#include "core/Backoff.h"

#include <cppunit/extensions/HelperMacros.h>

namespace AlertGate {

class BackoffTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(BackoffTest);
    CPPUNIT_TEST(testTable);
    CPPUNIT_TEST(testJitterBounds);
    CPPUNIT_TEST(testRetryAfterWinsWhenLonger);
    CPPUNIT_TEST_SUITE_END();

public:
    void testTable()
    {
        using std::chrono::milliseconds;
        Backoff backoff(milliseconds(1000), milliseconds(300000));
        struct Row
        {
            int attempts;
            long long expectedMs;
        } table[] = {{1, 1000},   {2, 2000},   {3, 4000},    {4, 8000},
                     {8, 128000}, {9, 256000}, {10, 300000}, {50, 300000}};
        for (const auto& row : table)
            CPPUNIT_ASSERT_EQUAL_MESSAGE(std::to_string(row.attempts), row.expectedMs,
                                         static_cast<long long>(backoff.delay(row.attempts, 0.5).count()));
    }

    void testJitterBounds()
    {
        using std::chrono::milliseconds;
        Backoff backoff(milliseconds(1000), milliseconds(300000));
        CPPUNIT_ASSERT_EQUAL(800LL, static_cast<long long>(backoff.delay(1, 0.0).count()));
        CPPUNIT_ASSERT_EQUAL(1200LL, static_cast<long long>(backoff.delay(1, 1.0).count()));
        CPPUNIT_ASSERT_EQUAL(3200LL, static_cast<long long>(backoff.delay(3, 0.0).count()));
        // Jitter never pushes past the cap.
        CPPUNIT_ASSERT_EQUAL(300000LL, static_cast<long long>(backoff.delay(20, 1.0).count()));
    }

    void testRetryAfterWinsWhenLonger()
    {
        using std::chrono::milliseconds;
        Backoff backoff(milliseconds(1000), milliseconds(300000));
        CPPUNIT_ASSERT_EQUAL(30000LL,
                             static_cast<long long>(backoff.delay(1, 0.5, milliseconds(30000)).count()));
        CPPUNIT_ASSERT_EQUAL(4000LL, static_cast<long long>(backoff.delay(3, 0.5, milliseconds(10)).count()));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(BackoffTest);

} // namespace AlertGate
