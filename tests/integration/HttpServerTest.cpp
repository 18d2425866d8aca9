#include "http/server/HttpServer.h"
#include "Eventually.h"
#include "GatewayProcess.h"
#include "RawConnections.h"
#include "SlowLorisClient.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/StreamCopier.h>

#include <cppunit/extensions/HelperMacros.h>

#include <atomic>

namespace AlertGate::Test {

namespace {

// Answers with the client's address, so a test sees which connection carried a request.
class PeerHandler : public Poco::Net::HTTPRequestHandler
{
public:
    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override
    {
        std::string body;
        Poco::StreamCopier::copyToString(request.stream(), body);
        std::string peer = request.clientAddress().toString();
        response.setContentType("text/plain");
        response.setContentLength(static_cast<std::streamsize>(peer.size()));
        response.send() << peer;
    }
};

class PeerFactory : public Poco::Net::HTTPRequestHandlerFactory
{
public:
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override
    {
        return new PeerHandler; // POCO takes ownership, as with the gateway's HandlerFactory.
    }
};

// An HttpServer on 127.0.0.1 with a kernel-chosen port, stopped when the object goes.
class LocalServer
{
public:
    explicit LocalServer(const Settings::Http& http)
        : _server(Poco::Net::ServerSocket(Poco::Net::SocketAddress("127.0.0.1", 0)), http,
                  Poco::makeShared<PeerFactory>())
    {
        _server.start();
    }

    std::uint16_t port() const { return _server.address().port(); }

private:
    HttpServer _server;
};

Settings::Http limits(int workers, int idle, std::int64_t requestTimeoutMs, std::int64_t keepAliveMs = 15000)
{
    Settings::Http http;
    http.maxConnections = workers;
    http.maxIdleConnections = idle;
    http.requestTimeoutMs = requestTimeoutMs;
    http.keepAliveTimeoutMs = keepAliveMs;
    return http;
}

} // namespace

/// The HTTP server on its own: connections wait parked until their head has arrived, so neither
/// idle nor slow-loris clients hold a worker; the parking has a deadline and a cap.
class HttpServerTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(HttpServerTest);
    CPPUNIT_TEST(testIdleConnectionsOutnumberingWorkersDoNotStarveAClient);
    CPPUNIT_TEST(testSlowLorisHoldsNoWorkerAndIsClosedAtItsDeadline);
    CPPUNIT_TEST(testOldestParkedConnectionGivesWayWhenTheLotIsFull);
    CPPUNIT_TEST(testKeptAliveConnectionCarriesSeveralRequests);
    CPPUNIT_TEST(testIdleKeptAliveConnectionIsClosedAfterKeepaliveTimeout);
    CPPUNIT_TEST(testOversizedHeadIsAnswered431);
    CPPUNIT_TEST(testMalformedHeadIsAnswered400);
    CPPUNIT_TEST_SUITE_END();

public:
    void testIdleConnectionsOutnumberingWorkersDoNotStarveAClient()
    {
        LocalServer server(limits(2, 100, 60000));
        RawConnections idle(server.port(), 50);
        for (int i = 0; i < 5; ++i)
            CPPUNIT_ASSERT_EQUAL(200, httpRequest(server.port(), "GET", "/").status);
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), idle.countClosedByServer());
    }

    void testSlowLorisHoldsNoWorkerAndIsClosedAtItsDeadline()
    {
        LocalServer server(limits(1, 100, 1500));
        SlowLorisClient slowLoris(server.port(), std::chrono::milliseconds(50));
        CPPUNIT_ASSERT(eventually([&] { return slowLoris.bytesSent() >= 5; }, 10000));
        CPPUNIT_ASSERT_EQUAL(200, httpRequest(server.port(), "GET", "/").status);
        CPPUNIT_ASSERT(slowLoris.waitUntilClosed(20000));
        CPPUNIT_ASSERT_EQUAL(std::string(), slowLoris.received());
        CPPUNIT_ASSERT(slowLoris.bytesSent() < 1000);
    }

    void testOldestParkedConnectionGivesWayWhenTheLotIsFull()
    {
        LocalServer server(limits(1, 3, 60000));
        RawConnections first(server.port(), 3);
        CPPUNIT_ASSERT(!first.closedByServer(0, 200));
        RawConnections fourth(server.port(), 1);
        CPPUNIT_ASSERT(first.closedByServer(0, 10000));
        CPPUNIT_ASSERT(!first.closedByServer(1, 200));
        CPPUNIT_ASSERT(!fourth.closedByServer(0));
        // The newcomer was parked, not refused: it is served once it talks.
        CPPUNIT_ASSERT(fourth.send(0, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
        CPPUNIT_ASSERT(fourth.closedByServer(0, 10000));
        CPPUNIT_ASSERT_MESSAGE(fourth.received(0), fourth.received(0).rfind("HTTP/1.1 200", 0) == 0);
    }

    void testKeptAliveConnectionCarriesSeveralRequests()
    {
        LocalServer server(limits(1, 10, 60000));
        Poco::Net::HTTPClientSession session("127.0.0.1", server.port());
        session.setKeepAlive(true);
        std::string firstPeer;
        for (int i = 0; i < 3; ++i)
        {
            Poco::Net::HTTPRequest request("GET", "/", Poco::Net::HTTPMessage::HTTP_1_1);
            session.sendRequest(request);
            Poco::Net::HTTPResponse response;
            std::string peer;
            Poco::StreamCopier::copyToString(session.receiveResponse(response), peer);
            CPPUNIT_ASSERT_EQUAL(Poco::Net::HTTPResponse::HTTP_OK, response.getStatus());
            CPPUNIT_ASSERT(response.getKeepAlive());
            if (i == 0)
                firstPeer = peer;
            CPPUNIT_ASSERT_EQUAL(firstPeer, peer);
        }
    }

    void testIdleKeptAliveConnectionIsClosedAfterKeepaliveTimeout()
    {
        LocalServer server(limits(1, 10, 60000, 500));
        RawConnections client(server.port(), 1);
        CPPUNIT_ASSERT(client.send(0, "GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
        CPPUNIT_ASSERT(client.closedByServer(0, 20000));
        CPPUNIT_ASSERT_MESSAGE(client.received(0), client.received(0).rfind("HTTP/1.1 200", 0) == 0);
    }

    void testOversizedHeadIsAnswered431()
    {
        LocalServer server(limits(1, 10, 60000));
        RawConnections client(server.port(), 1);
        CPPUNIT_ASSERT(client.send(0, "GET / HTTP/1.1\r\nX-Big: " + std::string(70 * 1024, 'b')));
        CPPUNIT_ASSERT(client.closedByServer(0, 20000));
        CPPUNIT_ASSERT_MESSAGE(client.received(0), client.received(0).rfind("HTTP/1.1 431", 0) == 0);
        CPPUNIT_ASSERT_EQUAL(200, httpRequest(server.port(), "GET", "/").status);
    }

    void testMalformedHeadIsAnswered400()
    {
        LocalServer server(limits(1, 10, 60000));
        RawConnections client(server.port(), 1);
        CPPUNIT_ASSERT(client.send(0, std::string(40, 'G') + " / HTTP/1.1\r\nHost: x\r\n\r\n"));
        CPPUNIT_ASSERT(client.closedByServer(0, 20000));
        CPPUNIT_ASSERT_MESSAGE(client.received(0), client.received(0).rfind("HTTP/1.1 400", 0) == 0);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(HttpServerTest);

} // namespace AlertGate::Test
