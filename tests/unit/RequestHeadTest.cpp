#include "http/server/RequestHead.h"

#include <cppunit/extensions/HelperMacros.h>

namespace AlertGate {

class RequestHeadTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(RequestHeadTest);
    CPPUNIT_TEST(testNothingOrPartIsIncomplete);
    CPPUNIT_TEST(testBlankLineCompletesTheHead);
    CPPUNIT_TEST(testBodyBytesAfterTheHeadDoNotMatter);
    CPPUNIT_TEST(testTooManyBytesWithoutBlankLineAreOversized);
    CPPUNIT_TEST(testLengthEndsAfterTheEmptyLine);
    CPPUNIT_TEST_SUITE_END();

public:
    void testNothingOrPartIsIncomplete()
    {
        CPPUNIT_ASSERT(requestHeadState("", 100) == RequestHead::Incomplete);
        CPPUNIT_ASSERT(requestHeadState("G", 100) == RequestHead::Incomplete);
        CPPUNIT_ASSERT(requestHeadState("GET / HTTP/1.1\r\n", 100) == RequestHead::Incomplete);
        CPPUNIT_ASSERT(requestHeadState("GET / HTTP/1.1\r\nHost: x\r\n\r", 100) == RequestHead::Incomplete);
        CPPUNIT_ASSERT(requestHeadState("GET / HTTP/1.1\r\n\r", 100) == RequestHead::Incomplete);
    }

    void testBlankLineCompletesTheHead()
    {
        CPPUNIT_ASSERT(requestHeadState("GET / HTTP/1.1\r\nHost: x\r\n\r\n", 100) == RequestHead::Complete);
        CPPUNIT_ASSERT(requestHeadState("GET / HTTP/1.0\r\n\r\n", 100) == RequestHead::Complete);
        CPPUNIT_ASSERT(requestHeadState("GET / HTTP/1.1\nHost: x\n\n", 100) == RequestHead::Complete);
    }

    void testBodyBytesAfterTheHeadDoNotMatter()
    {
        std::string post = "POST /a HTTP/1.1\r\nContent-Length: 500\r\n\r\n" + std::string(500, '{');
        CPPUNIT_ASSERT(requestHeadState(post, 100) == RequestHead::Complete);
    }

    void testTooManyBytesWithoutBlankLineAreOversized()
    {
        std::string head = "GET / HTTP/1.1\r\nX-Long: " + std::string(200, 'a');
        CPPUNIT_ASSERT(requestHeadState(head, 100) == RequestHead::Oversized);
        CPPUNIT_ASSERT(requestHeadState(head.substr(0, 99), 100) == RequestHead::Incomplete);
        CPPUNIT_ASSERT(requestHeadState(head.substr(0, 100), 100) == RequestHead::Oversized);
        // The blank line must come within the limit.
        CPPUNIT_ASSERT(requestHeadState(head + "\r\n\r\n", 100) == RequestHead::Oversized);
    }

    void testLengthEndsAfterTheEmptyLine()
    {
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), requestHeadLength("GET / HTTP/1.1\r\nHost: x\r\n"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(27),
                             requestHeadLength("GET / HTTP/1.1\r\nHost: x\r\n\r\n{\"a\":1}"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(24), requestHeadLength("GET / HTTP/1.1\nHost: x\n\nGET"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(25), requestHeadLength("GET / HTTP/1.1\nHost: x\n\r\n"));
        // The first empty line ends it, whatever follows.
        CPPUNIT_ASSERT_EQUAL(std::size_t(18), requestHeadLength("GET / HTTP/1.1\r\n\r\n\r\n\r\n"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RequestHeadTest);

} // namespace AlertGate
