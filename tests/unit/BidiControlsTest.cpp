#include "core/BidiControls.h"

#include <cppunit/extensions/HelperMacros.h>

namespace AlertGate {

class BidiControlsTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(BidiControlsTest);
    CPPUNIT_TEST(testEmbeddingsOverridesAndIsolatesAreNamed);
    CPPUNIT_TEST(testNeighboursAndOtherTextStay);
    CPPUNIT_TEST(testCutSequenceAtTheEndStays);
    CPPUNIT_TEST_SUITE_END();

public:
    void testEmbeddingsOverridesAndIsolatesAreNamed()
    {
        CPPUNIT_ASSERT_EQUAL(
            std::string("[U+202A][U+202B][U+202C][U+202D][U+202E]"),
            revealBidiControls("\xE2\x80\xAA\xE2\x80\xAB\xE2\x80\xAC\xE2\x80\xAD\xE2\x80\xAE"));
        CPPUNIT_ASSERT_EQUAL(std::string("[U+2066][U+2067][U+2068][U+2069]"),
                             revealBidiControls("\xE2\x81\xA6\xE2\x81\xA7\xE2\x81\xA8\xE2\x81\xA9"));
        CPPUNIT_ASSERT_EQUAL(std::string("invoice[U+202E]fdp.exe"), revealBidiControls("invoice\xE2\x80\xAE"
                                                                                       "fdp.exe"));
    }

    // U+2029 and U+202F sit next to the overrides; zero-width characters, marks, Japanese and
    // emoji (which need U+200D) are text, not reordering.
    void testNeighboursAndOtherTextStay()
    {
        for (const std::string text :
             {"\xE2\x80\xA9", "\xE2\x80\xAF", "\xE2\x81\xA5", "\xE2\x81\xAA", "\xE2\x80\x8B", "\xE2\x80\x8F",
              "\xE3\x83\x87\xE3\x82\xA3\xE3\x82\xB9\xE3\x82\xAF",
              "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x92\xBB", "plain"})
            CPPUNIT_ASSERT_EQUAL(text, revealBidiControls(text));
    }

    void testCutSequenceAtTheEndStays()
    {
        CPPUNIT_ASSERT_EQUAL(std::string("a\xE2\x80"), revealBidiControls("a\xE2\x80"));
        CPPUNIT_ASSERT_EQUAL(std::string("\xE2"), revealBidiControls("\xE2"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(BidiControlsTest);

} // namespace AlertGate
