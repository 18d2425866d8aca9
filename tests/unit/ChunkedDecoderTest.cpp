#include "http/server/ChunkedDecoder.h"

#include <cppunit/extensions/HelperMacros.h>

namespace AlertGate {

namespace {

struct Decoded
{
    ChunkedDecoder::State state;
    std::string body;
    std::size_t used = 0;
};

// Feeds the bytes in pieces of step bytes, as they might arrive from a socket.
Decoded decode(const std::string& bytes, std::size_t step)
{
    ChunkedDecoder decoder;
    Decoded decoded{ChunkedDecoder::State::More, "", 0};
    for (std::size_t at = 0; at < bytes.size() && decoder.state() == ChunkedDecoder::State::More; at += step)
        decoded.used += decoder.feed(std::string_view(bytes).substr(at, step), decoded.body);
    decoded.state = decoder.state();
    return decoded;
}

} // namespace

class ChunkedDecoderTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(ChunkedDecoderTest);
    CPPUNIT_TEST(testDecodesInPiecesOfAnySize);
    CPPUNIT_TEST(testStopsAtTheEndOfTheMessage);
    CPPUNIT_TEST(testExtensionsAndTrailersAreSkipped);
    CPPUNIT_TEST(testIncompleteMessageWantsMore);
    CPPUNIT_TEST(testMalformedFraming);
    CPPUNIT_TEST_SUITE_END();

public:
    void testDecodesInPiecesOfAnySize()
    {
        const std::string message = "5\r\nhello\r\n1A\r\n" + std::string(26, 'z') + "\r\n0\r\n\r\n";
        for (std::size_t step : {1, 2, 7, 1000})
        {
            Decoded decoded = decode(message, step);
            CPPUNIT_ASSERT_MESSAGE(std::to_string(step), decoded.state == ChunkedDecoder::State::Complete);
            CPPUNIT_ASSERT_EQUAL("hello" + std::string(26, 'z'), decoded.body);
            CPPUNIT_ASSERT_EQUAL(message.size(), decoded.used);
        }
    }

    void testStopsAtTheEndOfTheMessage()
    {
        Decoded decoded = decode("3\r\nabc\r\n0\r\n\r\nGET / HTTP/1.1\r\n\r\n", 100);
        CPPUNIT_ASSERT(decoded.state == ChunkedDecoder::State::Complete);
        CPPUNIT_ASSERT_EQUAL(std::string("abc"), decoded.body);
        CPPUNIT_ASSERT_EQUAL(std::size_t(13), decoded.used);
    }

    void testExtensionsAndTrailersAreSkipped()
    {
        Decoded decoded = decode("3;name=value\r\nabc\n0\r\nX-Trailer: 1\r\n\r\n", 4);
        CPPUNIT_ASSERT(decoded.state == ChunkedDecoder::State::Complete);
        CPPUNIT_ASSERT_EQUAL(std::string("abc"), decoded.body);
    }

    void testIncompleteMessageWantsMore()
    {
        CPPUNIT_ASSERT(decode("3\r\nab", 1).state == ChunkedDecoder::State::More);
        CPPUNIT_ASSERT(decode("3\r\nabc\r\n0\r\n", 1).state == ChunkedDecoder::State::More);
    }

    void testMalformedFraming()
    {
        for (const std::string bad : {"zz\r\n", "\r\n", "-1\r\n", "+1\r\n", "3\r\nabcd\r\n",
                                      "1000000000000000\r\n", "3 4\r\nabc\r\n"})
            CPPUNIT_ASSERT_MESSAGE(bad, decode(bad, 1).state == ChunkedDecoder::State::Malformed);
        CPPUNIT_ASSERT(decode(std::string(5000, '1'), 100).state == ChunkedDecoder::State::Malformed);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ChunkedDecoderTest);

} // namespace AlertGate
