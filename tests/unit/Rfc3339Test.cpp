#include "core/Rfc3339.h"

#include <cppunit/extensions/HelperMacros.h>

namespace AlertGate {

class Rfc3339Test : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(Rfc3339Test);
    CPPUNIT_TEST(testFractionsAndOffsets);
    CPPUNIT_TEST(testRejectsMalformed);
    CPPUNIT_TEST(testGoZeroTime);
    CPPUNIT_TEST(testFormatRoundTrip);
    CPPUNIT_TEST_SUITE_END();

public:
    void testFractionsAndOffsets()
    {
        auto base = Rfc3339::parseMicros("2026-08-22T10:15:30Z");
        CPPUNIT_ASSERT(base);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1787393730) * 1000000, *base);
        CPPUNIT_ASSERT_EQUAL(*base + 123456, *Rfc3339::parseMicros("2026-08-22T10:15:30.123456789Z"));
        CPPUNIT_ASSERT_EQUAL(*base + 500000, *Rfc3339::parseMicros("2026-08-22T10:15:30.5Z"));
        CPPUNIT_ASSERT_EQUAL(*base, *Rfc3339::parseMicros("2026-08-22T05:15:30-05:00"));
        CPPUNIT_ASSERT_EQUAL(*base, *Rfc3339::parseMicros("2026-08-22T19:15:30+09:00"));
    }

    void testRejectsMalformed()
    {
        for (const char* bad : {"", "2026-08-22", "2026-08-22T10:15:30", "2026-13-01T00:00:00Z",
                                "2026-02-29T00:00:00Z", "2026-08-22T24:00:00Z", "2026-08-22T10:15:30.Z",
                                "2026-08-22T10:15:30.1234567890Z", "2026-08-22T10:15:30+0900",
                                "2026-08-22 10:15:30Z", "2026-08-22T10:15:30Zjunk", "x026-08-22T10:15:30Z"})
            CPPUNIT_ASSERT_MESSAGE(bad, !Rfc3339::parseMicros(bad));
        CPPUNIT_ASSERT(Rfc3339::parseMicros("2024-02-29T00:00:00Z"));
    }

    void testGoZeroTime()
    {
        CPPUNIT_ASSERT(Rfc3339::isGoZeroTime("0001-01-01T00:00:00Z"));
        CPPUNIT_ASSERT(!Rfc3339::isGoZeroTime("2026-08-22T10:15:30Z"));
        CPPUNIT_ASSERT(!Rfc3339::isGoZeroTime("garbage"));
    }

    void testFormatRoundTrip()
    {
        CPPUNIT_ASSERT_EQUAL(std::string("2026-08-22T10:15:30.123Z"),
                             Rfc3339::formatMicros(*Rfc3339::parseMicros("2026-08-22T10:15:30.123456Z")));
        CPPUNIT_ASSERT_EQUAL(std::string("1970-01-01T00:00:00.000Z"), Rfc3339::formatMicros(0));
        CPPUNIT_ASSERT_EQUAL(std::string("0001-01-01T00:00:00.000Z"),
                             Rfc3339::formatMicros(*Rfc3339::parseMicros("0001-01-01T00:00:00Z")));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(Rfc3339Test);

} // namespace AlertGate
