#include "signal/gpio/GpiodOutputLine.h"
#include "signal/gpio/GpioError.h"
#include "signal/gpio/GpiodEdgeLine.h"

#include <cppunit/extensions/HelperMacros.h>

namespace AlertGate {

// The real libgpiod path, 1.6 or 2.x as the build found it (the same tests run on both lines). There is
// no GPIO hardware (nor gpio-sim: no configfs, no modules) on the build machines, so only the failures
// are reachable: they must name the chip so the operator knows what to fix, however it was named.
class GpiodOutputLineTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(GpiodOutputLineTest);
    CPPUNIT_TEST(testMissingChipNamesTheChip);
    CPPUNIT_TEST(testMissingChipPathNamesThePath);
    CPPUNIT_TEST(testMissingChipNumberNamesTheNumber);
    CPPUNIT_TEST(testMissingChipLabelNamesTheLabel);
    CPPUNIT_TEST(testMissingChipOfAnEdgeLineNamesTheChip);
    CPPUNIT_TEST_SUITE_END();

public:
    void testMissingChipNamesTheChip() { expectErrorNaming("gpiochip-alertgate-absent"); }

    void testMissingChipPathNamesThePath() { expectErrorNaming("/dev/gpiochip-alertgate-absent"); }

    void testMissingChipNumberNamesTheNumber() { expectErrorNaming("917"); }

    // A label as a Pi 5 names its header chip, but one no machine has: every chip is asked, none matches.
    void testMissingChipLabelNamesTheLabel() { expectErrorNaming("pinctrl-alertgate-absent"); }

    void testMissingChipOfAnEdgeLineNamesTheChip()
    {
        try
        {
            GpiodEdgeLine line("pinctrl-alertgate-absent", "27");
            CPPUNIT_FAIL("opened a chip that does not exist");
        }
        catch (const GpioError& e)
        {
            std::string message = e.what();
            CPPUNIT_ASSERT_MESSAGE(message,
                                   message.find("GPIO chip \"pinctrl-alertgate-absent\" cannot be opened: "
                                                "No such file or directory") != std::string::npos);
        }
    }

private:
    static void expectErrorNaming(const std::string& chip)
    {
        try
        {
            GpiodOutputLine line(chip, "17", 0);
            CPPUNIT_FAIL("opened a chip that does not exist: " + chip);
        }
        catch (const GpioError& e)
        {
            std::string message = e.what();
            CPPUNIT_ASSERT_MESSAGE(message, message.find("GPIO chip \"" + chip + "\"") != std::string::npos);
            CPPUNIT_ASSERT_MESSAGE(message, message.find("cannot be opened") != std::string::npos);
            CPPUNIT_ASSERT_MESSAGE(message,
                                   message.find("`gpiodetect` lists the chips") != std::string::npos);
        }
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(GpiodOutputLineTest);

} // namespace AlertGate
