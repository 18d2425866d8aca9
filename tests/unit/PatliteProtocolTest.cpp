#include "core/TowerState.h"
#include "core/ValueError.h"
#include "signal/tower/PatliteHttpClient.h"
#include "signal/tower/PnsFrame.h"

#include <cppunit/extensions/HelperMacros.h>

#include <stdexcept>

namespace AlertGate {

class PatliteProtocolTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(PatliteProtocolTest);
    CPPUNIT_TEST(testPnsSetFrame);
    CPPUNIT_TEST(testPnsGetAndClearFrames);
    CPPUNIT_TEST(testPnsStatusReply);
    CPPUNIT_TEST(testTowerStateSpec);
    CPPUNIT_TEST(testHttpAnswers);
    CPPUNIT_TEST_SUITE_END();

public:
    void testPnsSetFrame()
    {
        const std::string expected("\x58\x58\x53\x00\x00\x06\x01\x00\x02\x00\x03\x04", 12);
        CPPUNIT_ASSERT(PnsFrame::set(TowerState::fromDigits("102034")) == expected);
        const std::string off("XXS\x00\x00\x06\x00\x00\x00\x00\x00\x00", 12);
        CPPUNIT_ASSERT(PnsFrame::set(TowerState()) == off);
    }

    void testPnsGetAndClearFrames()
    {
        CPPUNIT_ASSERT(PnsFrame::get() == std::string("\x58\x58\x47\x00\x00\x00", 6));
        CPPUNIT_ASSERT(PnsFrame::clear() == std::string("\x58\x58\x43\x00\x00\x00", 6));
    }

    void testPnsStatusReply()
    {
        auto state = PnsFrame::parseStatus(std::string("\x01\x00\x02\x00\x00\x01", 6));
        CPPUNIT_ASSERT(state);
        CPPUNIT_ASSERT_EQUAL(std::string("102001"), state->digits());
        CPPUNIT_ASSERT(!PnsFrame::parseStatus("\x06"));
        CPPUNIT_ASSERT(!PnsFrame::parseStatus(std::string("\x01\x00\x02\x00\x00\x07", 6)));
        CPPUNIT_ASSERT(!PnsFrame::parseStatus(std::string("\x09\x00\x02\x00\x00\x01", 6)));
    }

    void testTowerStateSpec()
    {
        CPPUNIT_ASSERT_EQUAL(std::string("102000"), TowerState::parse("red:on, green:flash").digits());
        CPPUNIT_ASSERT_EQUAL(std::string("030104"),
                             TowerState::parse("yellow:flash2,blue:on,buzzer:4").digits());
        CPPUNIT_ASSERT_EQUAL(std::string("000000"), TowerState::parse("").digits());
        for (const char* bad : {"red", "purple:on", "red:blink", "buzzer:5", "buzzer:on"})
            CPPUNIT_ASSERT_THROW_MESSAGE(bad, TowerState::parse(bad), ValueError);
        CPPUNIT_ASSERT_THROW(TowerState::fromDigits("10200"), ValueError);
        CPPUNIT_ASSERT_THROW(TowerState::fromDigits("400000"), ValueError);
    }

    void testHttpAnswers()
    {
        CPPUNIT_ASSERT(PatliteHttpClient::interpret(200, "Success.\r\n").ok);
        TowerAnswer disabled = PatliteHttpClient::interpret(200, "Error. [002]");
        CPPUNIT_ASSERT(!disabled.ok && disabled.controlDisabled);
        TowerAnswer legacy = PatliteHttpClient::interpret(200, "Error.002\r\n");
        CPPUNIT_ASSERT(!legacy.ok && legacy.controlDisabled);
        TowerAnswer invalid = PatliteHttpClient::interpret(200, "Error. [005]");
        CPPUNIT_ASSERT(!invalid.ok && !invalid.controlDisabled);
        CPPUNIT_ASSERT(invalid.error.find("invalid value") != std::string::npos);
        CPPUNIT_ASSERT(!PatliteHttpClient::interpret(200, "<html>login</html>").ok);
        CPPUNIT_ASSERT(!PatliteHttpClient::interpret(404, "Success.").ok);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(PatliteProtocolTest);

} // namespace AlertGate
