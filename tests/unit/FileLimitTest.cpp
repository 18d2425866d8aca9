#include "app/FileLimit.h"

#include <cppunit/extensions/HelperMacros.h>

#include <sys/resource.h>

namespace AlertGate {

class FileLimitTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(FileLimitTest);
    CPPUNIT_TEST(testSoftLimitIsRaisedToTheHardLimit);
    CPPUNIT_TEST_SUITE_END();

public:
    void testSoftLimitIsRaisedToTheHardLimit()
    {
        rlimit before{};
        CPPUNIT_ASSERT_EQUAL(0, ::getrlimit(RLIMIT_NOFILE, &before));
        CPPUNIT_ASSERT(before.rlim_max > 64);
        rlimit lowered{64, before.rlim_max};
        CPPUNIT_ASSERT_EQUAL(0, ::setrlimit(RLIMIT_NOFILE, &lowered));

        std::uint64_t reported = raiseOpenFileLimit();

        rlimit after{};
        CPPUNIT_ASSERT_EQUAL(0, ::getrlimit(RLIMIT_NOFILE, &after));
        CPPUNIT_ASSERT_EQUAL(static_cast<std::uint64_t>(before.rlim_max),
                             static_cast<std::uint64_t>(after.rlim_cur));
        CPPUNIT_ASSERT_EQUAL(static_cast<std::uint64_t>(after.rlim_cur), reported);
        CPPUNIT_ASSERT_EQUAL(static_cast<std::uint64_t>(before.rlim_max),
                             static_cast<std::uint64_t>(after.rlim_max));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(FileLimitTest);

} // namespace AlertGate
