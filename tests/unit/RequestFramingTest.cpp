#include "http/server/RequestFraming.h"

#include <cppunit/extensions/HelperMacros.h>

namespace AlertGate {

namespace {

RequestFraming framingOfFields(const std::string& fields, const std::string& version = "HTTP/1.1")
{
    return framingOf("POST /api/v1/alertmanager " + version + "\r\nHost: x\r\n" + fields + "\r\n");
}

bool invalidWith(const RequestFraming& framing, int status, const std::string& problem)
{
    return framing.kind == RequestFraming::Kind::Invalid && framing.status == status &&
           framing.problem.find(problem) != std::string::npos;
}

} // namespace

class RequestFramingTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(RequestFramingTest);
    CPPUNIT_TEST(testNoLengthMeansNoBody);
    CPPUNIT_TEST(testOneContentLengthOfDigits);
    CPPUNIT_TEST(testMalformedContentLengthsAreInvalid);
    CPPUNIT_TEST(testTwoContentLengthsAreInvalid);
    CPPUNIT_TEST(testChunkedAlone);
    CPPUNIT_TEST(testBothLengthAndChunkedAreInvalid);
    CPPUNIT_TEST(testOtherTransferCodings);
    CPPUNIT_TEST(testTransferEncodingInHttp10IsInvalid);
    CPPUNIT_TEST(testUnparsableHeadIsInvalid);
    CPPUNIT_TEST(testExpectContinue);
    CPPUNIT_TEST_SUITE_END();

public:
    void testNoLengthMeansNoBody() { CPPUNIT_ASSERT(framingOfFields("").kind == RequestFraming::Kind::None); }

    void testOneContentLengthOfDigits()
    {
        RequestFraming framing = framingOfFields("Content-Length: 1500\r\n");
        CPPUNIT_ASSERT(framing.kind == RequestFraming::Kind::Length);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(1500), framing.length);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(0), framingOfFields("content-length:0\r\n").length);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(999999999999999999),
                             framingOfFields("Content-Length: 999999999999999999\r\n").length);
    }

    void testMalformedContentLengthsAreInvalid()
    {
        for (const std::string value : {"abc", "+5", "-5", "1,500", "1 500", "0x10", "1.5", "",
                                        "1000000000000000000", "99999999999999999999999"})
            CPPUNIT_ASSERT_MESSAGE(value, invalidWith(framingOfFields("Content-Length: " + value + "\r\n"),
                                                      400, "malformed Content-Length"));
    }

    void testTwoContentLengthsAreInvalid()
    {
        CPPUNIT_ASSERT(invalidWith(framingOfFields("Content-Length: 5\r\nContent-Length: 6\r\n"), 400,
                                   "more than one Content-Length"));
        // Equal values too, as nginx does: one field or none.
        CPPUNIT_ASSERT(invalidWith(framingOfFields("Content-Length: 5\r\ncontent-length: 5\r\n"), 400,
                                   "more than one Content-Length"));
        CPPUNIT_ASSERT(invalidWith(framingOfFields("Content-Length: 5, 5\r\n"), 400, "malformed"));
    }

    void testChunkedAlone()
    {
        CPPUNIT_ASSERT(framingOfFields("Transfer-Encoding: chunked\r\n").kind ==
                       RequestFraming::Kind::Chunked);
        CPPUNIT_ASSERT(framingOfFields("transfer-encoding:  Chunked \r\n").kind ==
                       RequestFraming::Kind::Chunked);
    }

    void testBothLengthAndChunkedAreInvalid()
    {
        CPPUNIT_ASSERT(invalidWith(framingOfFields("Content-Length: 5\r\nTransfer-Encoding: chunked\r\n"),
                                   400, "both Content-Length and Transfer-Encoding"));
        CPPUNIT_ASSERT(invalidWith(framingOfFields("Transfer-Encoding: chunked\r\nContent-Length: abc\r\n"),
                                   400, "both"));
    }

    void testOtherTransferCodings()
    {
        CPPUNIT_ASSERT(
            invalidWith(framingOfFields("Transfer-Encoding: gzip\r\n"), 400, "does not end with chunked"));
        CPPUNIT_ASSERT(invalidWith(framingOfFields("Transfer-Encoding: chunked, gzip\r\n"), 400,
                                   "does not end with chunked"));
        CPPUNIT_ASSERT(
            invalidWith(framingOfFields("Transfer-Encoding: \r\n"), 400, "does not end with chunked"));
        CPPUNIT_ASSERT(
            invalidWith(framingOfFields("Transfer-Encoding: gzip, chunked\r\n"), 501, "gzip, chunked"));
        CPPUNIT_ASSERT(
            invalidWith(framingOfFields("Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n"), 501,
                        "chunked, chunked"));
    }

    void testTransferEncodingInHttp10IsInvalid()
    {
        CPPUNIT_ASSERT(
            invalidWith(framingOfFields("Transfer-Encoding: chunked\r\n", "HTTP/1.0"), 400, "HTTP/1.0"));
    }

    void testUnparsableHeadIsInvalid()
    {
        CPPUNIT_ASSERT(invalidWith(framingOf(std::string(40, 'G') + " / HTTP/1.1\r\n\r\n"), 400,
                                   "malformed request head"));
    }

    void testExpectContinue()
    {
        CPPUNIT_ASSERT(framingOfFields("Content-Length: 5\r\nExpect: 100-continue\r\n").expectContinue);
        CPPUNIT_ASSERT(!framingOfFields("Content-Length: 5\r\n").expectContinue);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RequestFramingTest);

} // namespace AlertGate
