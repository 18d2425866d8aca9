#include "notify/slack/SlackMessage.h"

#include <cppunit/extensions/HelperMacros.h>

namespace AlertGate {

class SlackMessageTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(SlackMessageTest);
    CPPUNIT_TEST(testTextWithinTheLimitIsKept);
    CPPUNIT_TEST(testCutCountsCharactersNotBytes);
    CPPUNIT_TEST(testCutNeverEndsInsideAnEntity);
    CPPUNIT_TEST(testCutKeepsAWholeEntity);
    CPPUNIT_TEST_SUITE_END();

public:
    void testTextWithinTheLimitIsKept()
    {
        CPPUNIT_ASSERT_EQUAL(std::string("a &amp; b"), cutToChars("a &amp; b", 9, "~"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), cutToChars("", 0, "~"));
    }

    void testCutCountsCharactersNotBytes()
    {
        // "é€🔥x": four characters in ten bytes.
        CPPUNIT_ASSERT_EQUAL(std::string("\xC3\xA9\xE2\x82\xAC~"),
                             cutToChars("\xC3\xA9\xE2\x82\xAC\xF0\x9F\x94\xA5x", 3, "~"));
    }

    void testCutNeverEndsInsideAnEntity()
    {
        // Slack would show a stub such as "&am" as text: the cut moves to before the entity.
        const std::string escaped = "ab&amp;cd&lt;ef&gt;";
        CPPUNIT_ASSERT_EQUAL(std::string("ab~"), cutToChars(escaped, 4, "~"));
        CPPUNIT_ASSERT_EQUAL(std::string("ab~"), cutToChars(escaped, 5, "~"));
        CPPUNIT_ASSERT_EQUAL(std::string("ab~"), cutToChars(escaped, 6, "~"));
        CPPUNIT_ASSERT_EQUAL(std::string("ab~"), cutToChars(escaped, 7, "~"));
        CPPUNIT_ASSERT_EQUAL(std::string("ab&amp;cd~"), cutToChars(escaped, 11, "~"));
        CPPUNIT_ASSERT_EQUAL(std::string("ab&amp;cd~"), cutToChars(escaped, 13, "~"));
    }

    void testCutKeepsAWholeEntity()
    {
        const std::string escaped = "ab&amp;cd&lt;ef&gt;";
        CPPUNIT_ASSERT_EQUAL(std::string("ab&amp;~"), cutToChars(escaped, 8, "~"));
        CPPUNIT_ASSERT_EQUAL(std::string("ab&amp;cd&lt;~"), cutToChars(escaped, 14, "~"));
        CPPUNIT_ASSERT_EQUAL(std::string("ab&amp;cd&lt;e~"), cutToChars(escaped, 15, "~"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SlackMessageTest);

} // namespace AlertGate
