#include "Contains.h"
#include "Eventually.h"
#include "Fixtures.h"
#include "RawConnections.h"
#include "TestGateway.h"

#include <cppunit/extensions/HelperMacros.h>

namespace AlertGate::Test {

namespace {

constexpr int kWaitMs = 20000;

std::string head(const std::string& fields)
{
    return "POST /api/v1/alertmanager HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer s3cret\r\n"
           "Content-Type: application/json\r\n" +
           fields + "\r\n";
}

std::string withLength(const std::string& body, const std::string& extraFields = "")
{
    return head("Content-Length: " + std::to_string(body.size()) + "\r\n" + extraFields) + body;
}

std::string chunked(const std::string& body)
{
    char size[32];
    std::snprintf(size, sizeof size, "%zx", body.size());
    return std::string(size) + "\r\n" + body + "\r\n0\r\n\r\n";
}

// Sends bytes on a connection of its own and returns everything the server sent until it closed.
std::string exchange(TestGateway& gateway, const std::string& bytes, bool finish = false)
{
    RawConnections client(gateway.port(), 1);
    CPPUNIT_ASSERT(client.send(0, bytes));
    if (finish)
        client.finishSending(0);
    CPPUNIT_ASSERT_MESSAGE("the server did not close", client.closedByServer(0, kWaitMs));
    return client.received(0);
}

std::size_t count(const std::string& text, const std::string& part)
{
    std::size_t n = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1))
        ++n;
    return n;
}

} // namespace

/// RFC 9112 section 6 at the wire, against the real daemon over raw sockets: a body's length is known
/// exactly or the request is refused with a reason (answer and log) and the connection closed;
/// nothing ambiguous is ever stored.
class FramingTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(FramingTest);
    CPPUNIT_TEST(testAmbiguousOrMalformedLengthsAreRefusedAndLogged);
    CPPUNIT_TEST(testUnknownTransferCodingIsNotImplemented);
    CPPUNIT_TEST(testBodyCutShortIsNeverStored);
    CPPUNIT_TEST(testPipelinedRequestsAreAnsweredInOrder);
    CPPUNIT_TEST(testRequestReadAheadAfterAChunkedBodyIsRefusedExplicitly);
    CPPUNIT_TEST(testCompressedBodyIsAnswered415);
    CPPUNIT_TEST(testChunkedBodyIsStored);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override
    {
        _gateway = std::make_unique<TestGateway>();
        _gateway->start();
        _good = loadFixture("disk-critical-firing").body;
    }

    void tearDown() override { _gateway.reset(); }

    void testAmbiguousOrMalformedLengthsAreRefusedAndLogged()
    {
        const std::string n = std::to_string(_good.size());
        struct Case
        {
            std::string fields;
            std::string reason;
        };
        const std::vector<Case> cases = {
            {"Content-Length: " + n + "\r\nTransfer-Encoding: chunked\r\n",
             "both Content-Length and Transfer-Encoding"},
            {"Transfer-Encoding: chunked\r\nContent-Length: " + n + "\r\n",
             "both Content-Length and Transfer-Encoding"},
            {"Content-Length: " + n + "\r\nContent-Length: 5\r\n", "more than one Content-Length"},
            {"Content-Length: +" + n + "\r\n", "malformed Content-Length \\\"+" + n + "\\\""},
            {"Content-Length: 1,500\r\n", "malformed Content-Length \\\"1,500\\\""},
            {"Content-Length: abc\r\n", "malformed Content-Length \\\"abc\\\""},
        };
        for (const auto& c : cases)
        {
            std::string answer = exchange(*_gateway, head(c.fields) + _good);
            CPPUNIT_ASSERT_MESSAGE(c.fields + answer, answer.rfind("HTTP/1.1 400 ", 0) == 0);
            CPPUNIT_ASSERT_MESSAGE(c.fields + answer, contains(answer, "Connection: Close"));
            CPPUNIT_ASSERT_MESSAGE(c.fields + answer, contains(answer, c.reason));
            // One answer only: the body was not taken for a request of its own.
            CPPUNIT_ASSERT_EQUAL_MESSAGE(answer, std::size_t(1), count(answer, "HTTP/1.1 "));
        }
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), _gateway->countRows("notifications"));
        // The log line may follow the answer: wait for it.
        for (const char* line :
             {"(400): malformed Content-Length \"abc\"", "(400): more than one Content-Length",
              "(400): both Content-Length and Transfer-Encoding"})
            CPPUNIT_ASSERT_MESSAGE(_gateway->process().log(), _gateway->process().waitForLog(line, kWaitMs));
    }

    void testUnknownTransferCodingIsNotImplemented()
    {
        std::string answer =
            exchange(*_gateway, head("Transfer-Encoding: gzip, chunked\r\n") + chunked(_good));
        CPPUNIT_ASSERT_MESSAGE(answer, answer.rfind("HTTP/1.1 501 ", 0) == 0);
        CPPUNIT_ASSERT_MESSAGE(answer, contains(answer, "only chunked is"));
        answer = exchange(*_gateway, head("Transfer-Encoding: chunked, gzip\r\n") + _good);
        CPPUNIT_ASSERT_MESSAGE(answer, answer.rfind("HTTP/1.1 400 ", 0) == 0);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), _gateway->countRows("notifications"));
    }

    void testBodyCutShortIsNeverStored()
    {
        std::string request = withLength(_good);
        std::string answer = exchange(*_gateway, request.substr(0, request.size() - 10), true);
        CPPUNIT_ASSERT_EQUAL(std::string(), answer);
        // Chunked, ended before its last chunk.
        answer =
            exchange(*_gateway, head("Transfer-Encoding: chunked\r\n") + chunked(_good).substr(0, 100), true);
        CPPUNIT_ASSERT_EQUAL(std::string(), answer);
        CPPUNIT_ASSERT(eventually(
            [&] {
                return count(_gateway->process().log(), "into its request body; nothing was stored") == 2;
            },
            kWaitMs));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), _gateway->countRows("notifications"));
    }

    void testPipelinedRequestsAreAnsweredInOrder()
    {
        // Three requests in one write, the second without a body: each answered, in order.
        std::string answers =
            exchange(*_gateway, withLength(_good) + "GET /-/healthy HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n" +
                                    withLength(_good, "Connection: close\r\n"));
        CPPUNIT_ASSERT_EQUAL_MESSAGE(answers, std::size_t(3), count(answers, "HTTP/1.1 200 "));
        // The third repeats the first: stored as a repeat of notification 1, changing nothing.
        auto first = answers.find("\"notificationId\":1,\"changes\":1}");
        auto healthy = answers.find("alertgate is healthy");
        auto last = answers.find("\"notificationId\":1,\"changes\":0}");
        CPPUNIT_ASSERT_MESSAGE(answers, first != std::string::npos && healthy != std::string::npos &&
                                            last != std::string::npos && first < healthy && healthy < last);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), _gateway->countRows("notifications"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), _gateway->countRows("notification_repeats"));

        // A refusal ends the connection: the request behind it is refused explicitly by that answer's
        // Connection: close, never processed, and the client still reads the refusal (no reset).
        answers = exchange(*_gateway, withLength("{}") + withLength(_good));
        CPPUNIT_ASSERT_EQUAL_MESSAGE(answers, std::size_t(1), count(answers, "HTTP/1.1 "));
        CPPUNIT_ASSERT_MESSAGE(answers, answers.rfind("HTTP/1.1 400 ", 0) == 0);
        CPPUNIT_ASSERT_MESSAGE(answers, contains(answers, "Connection: Close"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), _gateway->countRows("notifications"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), _gateway->countRows("notification_repeats"));
    }

    void testRequestReadAheadAfterAChunkedBodyIsRefusedExplicitly()
    {
        std::string answers =
            exchange(*_gateway, head("Transfer-Encoding: chunked\r\n") + chunked(_good) + withLength(_good));
        CPPUNIT_ASSERT_EQUAL_MESSAGE(answers, std::size_t(1), count(answers, "HTTP/1.1 "));
        CPPUNIT_ASSERT_MESSAGE(answers, answers.rfind("HTTP/1.1 200 ", 0) == 0);
        // Connection: close tells the client its next request was not processed (RFC 9112 9.6).
        CPPUNIT_ASSERT_MESSAGE(answers, contains(answers, "Connection: Close"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), _gateway->countRows("notifications"));
    }

    void testCompressedBodyIsAnswered415()
    {
        std::string answer = exchange(*_gateway, withLength(_good, "Content-Encoding: gzip\r\n"));
        CPPUNIT_ASSERT_MESSAGE(answer, answer.rfind("HTTP/1.1 415 ", 0) == 0);
        CPPUNIT_ASSERT_MESSAGE(answer, contains(answer, "Content-Encoding \\\"gzip\\\" is not supported"));
        CPPUNIT_ASSERT_MESSAGE(answer, contains(answer, "Accept-Encoding: identity"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), _gateway->countRows("notifications"));
        answer =
            exchange(*_gateway, withLength(_good, "Content-Encoding: identity\r\nConnection: close\r\n"));
        CPPUNIT_ASSERT_MESSAGE(answer, answer.rfind("HTTP/1.1 200 ", 0) == 0);
    }

    void testChunkedBodyIsStored()
    {
        std::string answer =
            exchange(*_gateway, head("Transfer-Encoding: chunked\r\nConnection: close\r\n") + chunked(_good));
        CPPUNIT_ASSERT_MESSAGE(answer, answer.rfind("HTTP/1.1 200 ", 0) == 0);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), _gateway->countRows("notifications"));
    }

private:
    std::unique_ptr<TestGateway> _gateway;
    std::string _good;
};

CPPUNIT_TEST_SUITE_REGISTRATION(FramingTest);

} // namespace AlertGate::Test
