#include "core/TowerState.h"
#include "core/ValueError.h"
#include "signal/tower/PatliteHttpClient.h"
#include "signal/tower/PnsFrame.h"

#include <cppunit/extensions/HelperMacros.h>

namespace AlertGate {

class PatliteProtocolTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(PatliteProtocolTest);
    CPPUNIT_TEST(testPnsSetFrame);
    CPPUNIT_TEST(testPnsSetFrameLa6);
    CPPUNIT_TEST(testPnsGetAndClearFrames);
    CPPUNIT_TEST(testPnsStatusReply);
    CPPUNIT_TEST(testPnsStatusReplyLa6);
    CPPUNIT_TEST(testModelNames);
    CPPUNIT_TEST(testTowerStateSpec);
    CPPUNIT_TEST(testHttpAnswers);
    CPPUNIT_TEST_SUITE_END();

public:
    // The manual's example frame (NH): red on, amber flash 1, green flash 2, buzzer pattern 4.
    void testPnsSetFrame()
    {
        const PnsFrame nh(PnsFrame::Model::NH);
        const std::string expected("\x58\x58\x53\x00\x00\x06\x01\x02\x03\x00\x00\x04", 12);
        CPPUNIT_ASSERT(nh.set(TowerState::fromDigits("123004")) == expected);
        const std::string off("XXS\x00\x00\x06\x00\x00\x00\x00\x00\x00", 12);
        CPPUNIT_ASSERT(nh.set(TowerState()) == off);
    }

    // LA6-POE: product code AB, tiers top to bottom; flash pattern 2 and buzzer patterns 3-4, which the
    // LA6 lacks, go out as its flash (2) and its pattern 2 (its 3 would mean "follow the buzzer input").
    void testPnsSetFrameLa6()
    {
        const PnsFrame la6(PnsFrame::Model::LA6);
        CPPUNIT_ASSERT(la6.set(TowerState::fromDigits("120102")) ==
                       std::string("\x41\x42\x53\x00\x00\x06\x01\x02\x00\x01\x00\x02", 12));
        CPPUNIT_ASSERT(la6.set(TowerState::fromDigits("300003")) ==
                       std::string("\x41\x42\x53\x00\x00\x06\x02\x00\x00\x00\x00\x02", 12));
        CPPUNIT_ASSERT(la6.set(TowerState::fromDigits("000004")) ==
                       std::string("ABS\x00\x00\x06\x00\x00\x00\x00\x00\x02", 12));
    }

    void testPnsGetAndClearFrames()
    {
        const PnsFrame nh(PnsFrame::Model::NH);
        CPPUNIT_ASSERT(nh.get() == std::string("\x58\x58\x47\x00\x00\x00", 6));
        CPPUNIT_ASSERT(nh.clear() == std::string("\x58\x58\x43\x00\x00\x00", 6));
        const PnsFrame la6(PnsFrame::Model::LA6);
        CPPUNIT_ASSERT(la6.get() == std::string("\x41\x42\x47\x00\x00\x00", 6));
        CPPUNIT_ASSERT(la6.clear() == std::string("\x41\x42\x43\x00\x00\x00", 6));
    }

    void testPnsStatusReply()
    {
        const PnsFrame nh(PnsFrame::Model::NH);
        auto state = nh.parseStatus(std::string("\x01\x00\x02\x00\x00\x01", 6));
        CPPUNIT_ASSERT(state);
        CPPUNIT_ASSERT_EQUAL(std::string("102001"), state->digits());
        CPPUNIT_ASSERT(!nh.parseStatus("\x06"));
        CPPUNIT_ASSERT(!nh.parseStatus(std::string("\x01\x00\x02\x00\x00\x07", 6)));
        CPPUNIT_ASSERT(!nh.parseStatus(std::string("\x09\x00\x02\x00\x00\x01", 6)));
    }

    // The LA6's 15 bytes: inputs 1-8, mode, tiers 1-5, buzzer.
    void testPnsStatusReplyLa6()
    {
        const PnsFrame la6(PnsFrame::Model::LA6);
        const std::string reply("\x00\x01\x00\x00\x00\x00\x00\x00\x00\x01\x00\x02\x00\x00\x01", 15);
        auto state = la6.parseStatus(reply);
        CPPUNIT_ASSERT(state);
        CPPUNIT_ASSERT_EQUAL(std::string("102001"), state->digits());
        CPPUNIT_ASSERT(!la6.parseStatus(std::string("\x01\x00\x02\x00\x00\x01", 6)));
        CPPUNIT_ASSERT(!PnsFrame(PnsFrame::Model::NH).parseStatus(reply));
    }

    void testModelNames()
    {
        CPPUNIT_ASSERT(PnsFrame::model("nh") == PnsFrame::Model::NH);
        CPPUNIT_ASSERT(PnsFrame::model("la6") == PnsFrame::Model::LA6);
        CPPUNIT_ASSERT_THROW(PnsFrame::model("LA6 "), ValueError);
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
