#include "core/Utf8.h"

#include <cppunit/extensions/HelperMacros.h>

namespace AlertGate {

class Utf8Test : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(Utf8Test);
    CPPUNIT_TEST(testAcceptsWellFormed);
    CPPUNIT_TEST(testAcceptsBoundaries);
    CPPUNIT_TEST(testRejectsInvalidBytes);
    CPPUNIT_TEST(testRejectsOverlongForms);
    CPPUNIT_TEST(testRejectsSurrogates);
    CPPUNIT_TEST(testRejectsAboveMaximum);
    CPPUNIT_TEST(testRejectsTruncatedAndBrokenSequences);
    CPPUNIT_TEST_SUITE_END();

public:
    void testAcceptsWellFormed()
    {
        CPPUNIT_ASSERT(isValidUtf8(""));
        CPPUNIT_ASSERT(isValidUtf8("plain ascii {\"json\": 1}"));
        CPPUNIT_ASSERT(isValidUtf8("\xC3\xA9t\xC3\xA9"));                                // été
        CPPUNIT_ASSERT(isValidUtf8("\xE3\x83\x87\xE3\x82\xA3\xE3\x82\xB9\xE3\x82\xAF")); // ディスク
        CPPUNIT_ASSERT(isValidUtf8("\xF0\x9F\x98\x80"));                                 // U+1F600
        CPPUNIT_ASSERT(isValidUtf8(std::string("a\0b", 3)));
    }

    void testAcceptsBoundaries()
    {
        CPPUNIT_ASSERT(isValidUtf8("\x7F"));             // U+007F
        CPPUNIT_ASSERT(isValidUtf8("\xC2\x80"));         // U+0080
        CPPUNIT_ASSERT(isValidUtf8("\xDF\xBF"));         // U+07FF
        CPPUNIT_ASSERT(isValidUtf8("\xE0\xA0\x80"));     // U+0800
        CPPUNIT_ASSERT(isValidUtf8("\xED\x9F\xBF"));     // U+D7FF
        CPPUNIT_ASSERT(isValidUtf8("\xEE\x80\x80"));     // U+E000
        CPPUNIT_ASSERT(isValidUtf8("\xEF\xBF\xBF"));     // U+FFFF
        CPPUNIT_ASSERT(isValidUtf8("\xF0\x90\x80\x80")); // U+10000
        CPPUNIT_ASSERT(isValidUtf8("\xF4\x8F\xBF\xBF")); // U+10FFFF
    }

    void testRejectsInvalidBytes()
    {
        CPPUNIT_ASSERT(!isValidUtf8("\xFF"));
        CPPUNIT_ASSERT(!isValidUtf8("\xFE"));
        CPPUNIT_ASSERT(!isValidUtf8("ok\xFFok"));
        CPPUNIT_ASSERT(!isValidUtf8("\x80"));
        CPPUNIT_ASSERT(!isValidUtf8("a\xBF"));
    }

    void testRejectsOverlongForms()
    {
        CPPUNIT_ASSERT(!isValidUtf8("\xC0\xAF")); // '/' in two bytes
        CPPUNIT_ASSERT(!isValidUtf8("\xC1\xBF"));
        CPPUNIT_ASSERT(!isValidUtf8("\xE0\x80\xAF"));     // '/' in three bytes
        CPPUNIT_ASSERT(!isValidUtf8("\xE0\x9F\xBF"));     // U+07FF in three bytes
        CPPUNIT_ASSERT(!isValidUtf8("\xF0\x80\x80\xAF")); // '/' in four bytes
        CPPUNIT_ASSERT(!isValidUtf8("\xF0\x8F\xBF\xBF")); // U+FFFF in four bytes
    }

    void testRejectsSurrogates()
    {
        CPPUNIT_ASSERT(!isValidUtf8("\xED\xA0\x80"));             // U+D800
        CPPUNIT_ASSERT(!isValidUtf8("\xED\xBF\xBF"));             // U+DFFF
        CPPUNIT_ASSERT(!isValidUtf8("\xED\xA0\xBD\xED\xB8\x80")); // CESU-8 pair for U+1F600
    }

    void testRejectsAboveMaximum()
    {
        CPPUNIT_ASSERT(!isValidUtf8("\xF4\x90\x80\x80")); // U+110000
        CPPUNIT_ASSERT(!isValidUtf8("\xF5\x80\x80\x80"));
        CPPUNIT_ASSERT(!isValidUtf8("\xF8\x88\x80\x80\x80"));
    }

    void testRejectsTruncatedAndBrokenSequences()
    {
        CPPUNIT_ASSERT(!isValidUtf8("\xC3"));
        CPPUNIT_ASSERT(!isValidUtf8("\xE3\x83"));
        CPPUNIT_ASSERT(!isValidUtf8("\xF0\x9F\x98"));
        CPPUNIT_ASSERT(!isValidUtf8("\xE3\x41\x87")); // ASCII where a continuation belongs
        CPPUNIT_ASSERT(!isValidUtf8("\xE3\x83\x41"));
        CPPUNIT_ASSERT(!isValidUtf8("\xF0\x9F\x98\xC3")); // a lead byte where a continuation belongs
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(Utf8Test);

} // namespace AlertGate
