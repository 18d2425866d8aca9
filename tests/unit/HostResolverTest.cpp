#include "notify/HostResolver.h"

#include "Eventually.h"

#include <Poco/Exception.h>
#include <Poco/Net/NetException.h>

#include <cppunit/extensions/HelperMacros.h>

#include <future>
#include <memory>

namespace AlertGate {

namespace {

// A lookup that hangs until released, as getaddrinfo does when no name server answers.
struct HangingLookup
{
    std::shared_ptr<std::promise<void>> release = std::make_shared<std::promise<void>>();
    std::shared_future<void> released = release->get_future().share();

    HostResolver::Lookup lookup()
    {
        return [released = released](const std::string&, std::uint16_t port) {
            released.wait();
            return Poco::Net::SocketAddress("127.0.0.1", port);
        };
    }
};

} // namespace

class HostResolverTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(HostResolverTest);
    CPPUNIT_TEST(testAnswerWithinTheTimeout);
    CPPUNIT_TEST(testFailureOfTheLookupIsRethrown);
    CPPUNIT_TEST(testHangingLookupTimesOutAndStartsNoSecondThread);
    CPPUNIT_TEST(testAbortEndsAWaitAndRefusesLaterLookups);
    CPPUNIT_TEST_SUITE_END();

public:
    void testAnswerWithinTheTimeout()
    {
        HostResolver resolver;
        auto address = resolver.resolve("127.0.0.1", 25, std::chrono::seconds(30));
        CPPUNIT_ASSERT_EQUAL(std::string("127.0.0.1:25"), address.toString());
    }

    void testFailureOfTheLookupIsRethrown()
    {
        HostResolver resolver([](const std::string& host, std::uint16_t) -> Poco::Net::SocketAddress {
            throw Poco::Net::HostNotFoundException(host);
        });
        CPPUNIT_ASSERT_THROW(resolver.resolve("smtp.invalid", 25, std::chrono::seconds(30)),
                             Poco::Net::HostNotFoundException);
    }

    void testHangingLookupTimesOutAndStartsNoSecondThread()
    {
        HangingLookup hanging;
        HostResolver resolver(hanging.lookup());
        CPPUNIT_ASSERT_THROW(resolver.resolve("smtp.example", 25, std::chrono::milliseconds(50)),
                             Poco::TimeoutException);
        // Still hanging: refused at once rather than a second thread stuck beside the first.
        try
        {
            resolver.resolve("smtp.example", 25, std::chrono::hours(1));
            CPPUNIT_FAIL("a second lookup started while the first hangs");
        }
        catch (const Poco::TimeoutException& e)
        {
            CPPUNIT_ASSERT(e.message().find("has not finished") != std::string::npos);
        }
        hanging.release->set_value();
        // Once the stuck lookup's thread has reported to the state it shares, lookups work again; until
        // then (a moment on a busy machine) they are still refused.
        Poco::Net::SocketAddress address;
        CPPUNIT_ASSERT(Test::eventually(
            [&] {
                try
                {
                    address = resolver.resolve("smtp.example", 25, std::chrono::minutes(1));
                    return true;
                }
                catch (const Poco::TimeoutException&)
                {
                    return false;
                }
            },
            10000));
        CPPUNIT_ASSERT_EQUAL(std::uint16_t(25), address.port());
    }

    void testAbortEndsAWaitAndRefusesLaterLookups()
    {
        HangingLookup hanging;
        auto resolver = std::make_unique<HostResolver>(hanging.lookup());
        auto waiting = std::async(std::launch::async, [&] {
            try
            {
                resolver->resolve("smtp.example", 25, std::chrono::hours(1));
                return std::string("resolved");
            }
            catch (const Poco::Exception& e)
            {
                return e.displayText();
            }
        });
        resolver->abort();
        // An hour's timeout: only abort() can have ended the wait.
        CPPUNIT_ASSERT(waiting.wait_for(std::chrono::minutes(2)) == std::future_status::ready);
        CPPUNIT_ASSERT(waiting.get().find("stopping") != std::string::npos);
        CPPUNIT_ASSERT_THROW(resolver->resolve("smtp.example", 25, std::chrono::hours(1)),
                             Poco::IllegalStateException);
        // The resolver may go while its lookup thread still hangs; the thread ends later, harmlessly.
        resolver.reset();
        hanging.release->set_value();
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(HostResolverTest);

} // namespace AlertGate
