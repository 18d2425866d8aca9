#include "core/ValueError.h"
#include "http/SilenceHandler.h"

#include <cppunit/extensions/HelperMacros.h>

#include <stdexcept>
#include <vector>

namespace AlertGate {

// The body of POST /api/v1/silence: optional, and hostile like every request body.
class SilenceRequestTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(SilenceRequestTest);
    CPPUNIT_TEST(testEmptyBodyGivesDefaults);
    CPPUNIT_TEST(testFields);
    CPPUNIT_TEST(testRefusals);
    CPPUNIT_TEST_SUITE_END();

public:
    void testEmptyBodyGivesDefaults()
    {
        for (const char* body : {"", " \r\n", "{}"})
        {
            auto request = SilenceHandler::parse(body);
            CPPUNIT_ASSERT_EQUAL(std::string("api"), request.by);
            CPPUNIT_ASSERT_EQUAL(std::string("api"), request.via);
            CPPUNIT_ASSERT_EQUAL(std::string(), request.comment);
        }
    }

    void testFields()
    {
        auto request = SilenceHandler::parse(R"({"by":"Zoë","comment":"on it\nline 2","via":"cli","x":1})");
        CPPUNIT_ASSERT_EQUAL(std::string("Zoë"), request.by);
        CPPUNIT_ASSERT_EQUAL(std::string("on it\nline 2"), request.comment);
        CPPUNIT_ASSERT_EQUAL(std::string("cli"), request.via);
    }

    void testRefusals()
    {
        const std::vector<std::string> bodies = {"[]",
                                                 "not json",
                                                 R"({"by":5})",
                                                 R"({"by":""})",
                                                 R"({"by":"a\nb"})",
                                                 R"({"via":"button"})",
                                                 R"({"by":")" + std::string(129, 'x') + "\"}",
                                                 R"({"comment":")" + std::string(1025, 'x') + "\"}",
                                                 "{\"by\":\"\xff\"}"};
        for (const auto& body : bodies)
            CPPUNIT_ASSERT_THROW_MESSAGE(body, SilenceHandler::parse(body), ValueError);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SilenceRequestTest);

} // namespace AlertGate
