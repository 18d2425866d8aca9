#include "http/Authenticator.h"

#include "Fixtures.h"

#include <cppunit/extensions/HelperMacros.h>

namespace AlertGate {

namespace {

const std::string kBasic = "Basic YWxlcnRtYW5hZ2VyOmh1bnRlcjI="; // alertmanager:hunter2

Settings::Webhook bearer()
{
    Settings::Webhook w;
    w.bearerToken = "s3cret";
    return w;
}

Settings::Webhook basic()
{
    Settings::Webhook w;
    w.basicUsername = "alertmanager";
    w.basicPassword = "hunter2";
    return w;
}

} // namespace

class AuthenticatorTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(AuthenticatorTest);
    CPPUNIT_TEST(testNoneConfiguredAllowsEverything);
    CPPUNIT_TEST(testBearerAccepted);
    CPPUNIT_TEST(testWrongBearerRefused);
    CPPUNIT_TEST(testWrongSchemeRefused);
    CPPUNIT_TEST(testSchemeIsCaseInsensitive);
    CPPUNIT_TEST(testBasicAccepted);
    CPPUNIT_TEST(testWrongBasicRefused);
    CPPUNIT_TEST(testBothConfiguredAcceptEither);
    CPPUNIT_TEST(testFixtureHeadersAccepted);
    CPPUNIT_TEST(testChallenge);
    CPPUNIT_TEST(testConstantTimeEquals);
    CPPUNIT_TEST(testReplaceTakesNewCredentials);
    CPPUNIT_TEST_SUITE_END();

public:
    void testNoneConfiguredAllowsEverything()
    {
        Authenticator auth{Settings::Webhook{}};
        CPPUNIT_ASSERT(!auth.required());
        CPPUNIT_ASSERT(auth.allows(""));
        CPPUNIT_ASSERT(auth.allows("Bearer anything"));
        CPPUNIT_ASSERT(auth.allows("garbage"));
    }

    void testBearerAccepted()
    {
        Authenticator auth(bearer());
        CPPUNIT_ASSERT(auth.required());
        CPPUNIT_ASSERT(auth.allows("Bearer s3cret"));
    }

    void testReplaceTakesNewCredentials()
    {
        Authenticator auth(bearer());
        Settings::Webhook fresh;
        fresh.bearerToken = "n3w";
        auth.replace(fresh);
        CPPUNIT_ASSERT(auth.allows("Bearer n3w"));
        CPPUNIT_ASSERT(!auth.allows("Bearer s3cret"));
        auth.replace(Settings::Webhook{});
        CPPUNIT_ASSERT(!auth.required());
    }

    void testWrongBearerRefused()
    {
        Authenticator auth(bearer());
        for (const char* header : {"", "Bearer", "Bearer ", "Bearer s3cre", "Bearer s3cretX", "Bearer S3CRET",
                                   "s3cret", "Bearer x3cret"})
            CPPUNIT_ASSERT_MESSAGE(header, !auth.allows(header));
    }

    void testWrongSchemeRefused()
    {
        CPPUNIT_ASSERT(!Authenticator(bearer()).allows("Basic s3cret"));
        CPPUNIT_ASSERT(!Authenticator(bearer()).allows("Token s3cret"));
        CPPUNIT_ASSERT(!Authenticator(basic()).allows("Bearer YWxlcnRtYW5hZ2VyOmh1bnRlcjI="));
    }

    void testSchemeIsCaseInsensitive()
    {
        CPPUNIT_ASSERT(Authenticator(bearer()).allows("bearer s3cret"));
        CPPUNIT_ASSERT(Authenticator(bearer()).allows("BEARER s3cret"));
        CPPUNIT_ASSERT(Authenticator(basic()).allows("basic YWxlcnRtYW5hZ2VyOmh1bnRlcjI="));
    }

    void testBasicAccepted()
    {
        Authenticator auth(basic());
        CPPUNIT_ASSERT(auth.required());
        CPPUNIT_ASSERT(auth.allows(kBasic));
    }

    void testWrongBasicRefused()
    {
        Authenticator auth(basic());
        CPPUNIT_ASSERT(!auth.allows("Basic YWxlcnRtYW5hZ2VyOmh1bnRlcjM=")); // alertmanager:hunter3
        CPPUNIT_ASSERT(!auth.allows("Basic YWxlcnRtYW5hZ2VyOg=="));         // alertmanager:
        CPPUNIT_ASSERT(!auth.allows("Basic alertmanager:hunter2"));
        CPPUNIT_ASSERT(!auth.allows(""));
    }

    void testBothConfiguredAcceptEither()
    {
        Settings::Webhook both = basic();
        both.bearerToken = "s3cret";
        Authenticator auth(both);
        CPPUNIT_ASSERT(auth.allows("Bearer s3cret"));
        CPPUNIT_ASSERT(auth.allows(kBasic));
        CPPUNIT_ASSERT(!auth.allows("Bearer hunter2"));
        CPPUNIT_ASSERT(!auth.allows("Basic s3cret"));
    }

    void testFixtureHeadersAccepted()
    {
        CPPUNIT_ASSERT(
            Authenticator(basic()).allows(Test::loadFixture("truncated-firing").headers.at("Authorization")));
        CPPUNIT_ASSERT(Authenticator(bearer()).allows(
            Test::loadFixture("disk-critical-firing").headers.at("Authorization")));
        CPPUNIT_ASSERT(!Authenticator(bearer()).allows(
            Test::loadFixture("truncated-firing").headers.at("Authorization")));
    }

    void testChallenge()
    {
        CPPUNIT_ASSERT_EQUAL(std::string("Bearer realm=\"alertgate\""), Authenticator(bearer()).challenge());
        CPPUNIT_ASSERT_EQUAL(std::string("Basic realm=\"alertgate\""), Authenticator(basic()).challenge());
        // With both, a browser must be asked for what it can give: basic credentials.
        Settings::Webhook both = basic();
        both.bearerToken = "s3cret";
        CPPUNIT_ASSERT_EQUAL(std::string("Basic realm=\"alertgate\""), Authenticator(both).challenge());
    }

    void testConstantTimeEquals()
    {
        CPPUNIT_ASSERT(constantTimeEquals("s3cret", "s3cret"));
        CPPUNIT_ASSERT(constantTimeEquals("", ""));
        CPPUNIT_ASSERT(!constantTimeEquals("s3cret", "s3creT"));
        CPPUNIT_ASSERT(!constantTimeEquals("s3cre", "s3cret"));
        CPPUNIT_ASSERT(!constantTimeEquals("s3cretX", "s3cret"));
        CPPUNIT_ASSERT(!constantTimeEquals("", "s3cret"));
        CPPUNIT_ASSERT(!constantTimeEquals("s3cret", ""));
        CPPUNIT_ASSERT(!constantTimeEquals(std::string("s3cret\0", 7), "s3cret"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(AuthenticatorTest);

} // namespace AlertGate
