#include "core/JsonNames.h"

#include <cppunit/extensions/HelperMacros.h>

namespace AlertGate {

class JsonNamesTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(JsonNamesTest);
    CPPUNIT_TEST(testNamesWithoutNul);
    CPPUNIT_TEST(testNulInAValueIsNotAName);
    CPPUNIT_TEST(testNulInANameIsFound);
    CPPUNIT_TEST(testEscapesDoNotConfuseTheScan);
    CPPUNIT_TEST_SUITE_END();

public:
    void testNamesWithoutNul()
    {
        CPPUNIT_ASSERT(!nameWithNul(R"({"severity":"critical","instance":"pi:9100"})"));
        CPPUNIT_ASSERT(!nameWithNul(""));
        CPPUNIT_ASSERT(!nameWithNul(R"({"a":)"));
    }

    void testNulInAValueIsNotAName()
    {
        CPPUNIT_ASSERT(!nameWithNul(R"({"summary":"before\u0000after"})"));
        CPPUNIT_ASSERT(!nameWithNul(R"(["\u0000", "x"])"));
    }

    void testNulInANameIsFound()
    {
        CPPUNIT_ASSERT_EQUAL(
            std::string("severity"),
            nameWithNul(R"({"severity":"info","severity\u0000x":"critical"})").value_or("-"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), nameWithNul(R"({"labels":{"\u0000" :"v"}})").value_or("-"));
        CPPUNIT_ASSERT_EQUAL(std::string("a\\n"), nameWithNul("{\"a\\n\\u0000b\"\r\n\t:1}").value_or("-"));
    }

    void testEscapesDoNotConfuseTheScan()
    {
        // An escaped backslash before "u0000" is a backslash and text, not NUL.
        CPPUNIT_ASSERT(!nameWithNul(R"({"a\\u0000":"v"})"));
        // An escaped quote does not end the value, so the ':' inside it follows no name.
        CPPUNIT_ASSERT(!nameWithNul(R"({"v":"x\"\u0000\":y"})"));
        CPPUNIT_ASSERT_EQUAL(std::string("q\\\""), nameWithNul(R"({"v":"x","q\"\u0000":1})").value_or("-"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(JsonNamesTest);

} // namespace AlertGate
