#include "signal/gpio/GpiodOutputLine.h"
#include "signal/gpio/GpioError.h"

#include <cppunit/extensions/HelperMacros.h>

namespace AlertGate {

// The real libgpiod path. There is no GPIO hardware (nor gpio-sim) on the build machines, so only
// the failures are reachable: they must name the chip so the operator knows what to fix.
class GpiodOutputLineTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(GpiodOutputLineTest);
    CPPUNIT_TEST(testMissingChipNamesTheChip);
    CPPUNIT_TEST(testMissingChipPathNamesThePath);
    CPPUNIT_TEST_SUITE_END();

public:
    void testMissingChipNamesTheChip() { expectErrorNaming("gpiochip-alertgate-absent"); }

    void testMissingChipPathNamesThePath() { expectErrorNaming("/dev/gpiochip-alertgate-absent"); }

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
        }
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(GpiodOutputLineTest);

} // namespace AlertGate
