#include "core/Units.h"

#include <cppunit/extensions/HelperMacros.h>

namespace AlertGate {

class UnitsTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(UnitsTest);
    CPPUNIT_TEST(testDurationUnits);
    CPPUNIT_TEST(testDurationSums);
    CPPUNIT_TEST(testDurationRejectsMalformed);
    CPPUNIT_TEST(testDurationRejectsOverflow);
    CPPUNIT_TEST(testByteSizeUnits);
    CPPUNIT_TEST(testByteSizeRejectsMalformed);
    CPPUNIT_TEST(testByteSizeRejectsOverflow);
    CPPUNIT_TEST_SUITE_END();

public:
    void testDurationUnits()
    {
        CPPUNIT_ASSERT_EQUAL(std::int64_t(500), *parseDurationMillis("500ms"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(10000), *parseDurationMillis("10s"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(300000), *parseDurationMillis("5m"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(86400000), *parseDurationMillis("24h"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(604800000), *parseDurationMillis("7d"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), *parseDurationMillis("0s"));
    }

    void testDurationSums()
    {
        CPPUNIT_ASSERT_EQUAL(std::int64_t(5400000), *parseDurationMillis("1h30m"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(90250), *parseDurationMillis("1m30s250ms"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(90061000), *parseDurationMillis("1d1h1m1s"));
    }

    void testDurationRejectsMalformed()
    {
        for (const char* bad :
             {"10", "", "5x", "-1s", "1.5h", " 5s", "5s ", "s", "1h30", "5 s", "5S", "1h-30m"})
            CPPUNIT_ASSERT_MESSAGE(bad, !parseDurationMillis(bad));
    }

    void testDurationRejectsOverflow()
    {
        CPPUNIT_ASSERT(!parseDurationMillis("99999999999999999999s"));
        // 2^53 days is far beyond any int64 of milliseconds: refused, never wrapped into a negative.
        CPPUNIT_ASSERT(!parseDurationMillis("9007199254740992d"));
        CPPUNIT_ASSERT(!parseDurationMillis("9007199254740992h"));
    }

    void testByteSizeUnits()
    {
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(512), *parseByteSize("512"));
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(512), *parseByteSize("512B"));
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(65536), *parseByteSize("64KiB"));
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(1048576), *parseByteSize("1MiB"));
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(2147483648ull), *parseByteSize("2GiB"));
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(64000), *parseByteSize("64KB"));
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(64000), *parseByteSize("64kB"));
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(3000000), *parseByteSize("3MB"));
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(1000000000), *parseByteSize("1GB"));
    }

    void testByteSizeRejectsMalformed()
    {
        for (const char* bad : {"", "KiB", "1 KiB", "1kib", "1.5MiB", "-1", "1TiB", "1KiBx", "1MiB1", "0x10"})
            CPPUNIT_ASSERT_MESSAGE(bad, !parseByteSize(bad));
    }

    void testByteSizeRejectsOverflow()
    {
        CPPUNIT_ASSERT(!parseByteSize("99999999999999999999"));
        // (2^44 + 1) MiB is 2^64 + 1 MiB: it must be refused, not wrapped around to 1 MiB.
        CPPUNIT_ASSERT(!parseByteSize("17592186044417MiB"));
        CPPUNIT_ASSERT(!parseByteSize("9007199254740992GiB"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(UnitsTest);

} // namespace AlertGate
