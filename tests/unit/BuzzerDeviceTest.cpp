#include "signal/buzzer/BuzzerDevice.h"
#include "FakeGpioLine.h"
#include "signal/gpio/GpioError.h"

#include <cppunit/extensions/HelperMacros.h>

#include <thread>

namespace AlertGate {

namespace {

class ForwardingLine : public GpioLine
{
public:
    explicit ForwardingLine(FakeGpioLine& target) : _target(target) {}
    void setLevel(int level) override { _target.setLevel(level); }

private:
    FakeGpioLine& _target;
};

// Generous: only a stuck buzzer thread hits it; nothing here measures how fast it reacts.
template <typename Predicate> bool eventually(Predicate predicate)
{
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!predicate())
    {
        if (std::chrono::steady_clock::now() > deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return true;
}

Settings::Buzzer configured(const std::string& chip)
{
    Settings::Buzzer settings;
    settings.chip = chip;
    settings.line = "17";
    return settings;
}

} // namespace

class BuzzerDeviceTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(BuzzerDeviceTest);
    CPPUNIT_TEST(testNotConfigured);
    CPPUNIT_TEST(testWorkingLine);
    CPPUNIT_TEST(testMissingChipIsKeptNotThrown);
    CPPUNIT_TEST_SUITE_END();

public:
    void testNotConfigured()
    {
        bool opened = false;
        BuzzerDevice buzzer(Settings::Buzzer{}, [&](const Settings::Buzzer&) -> std::unique_ptr<GpioLine> {
            opened = true;
            return nullptr;
        });
        CPPUNIT_ASSERT(!opened);
        CPPUNIT_ASSERT(!buzzer.configured());
        CPPUNIT_ASSERT(!buzzer.up());
        buzzer.apply(Settings::Buzzer{}.patterns.front());
        CPPUNIT_ASSERT(!buzzer.sounding());
        CPPUNIT_ASSERT_EQUAL(std::string(), buzzer.error());
    }

    void testWorkingLine()
    {
        FakeGpioLine line;
        BuzzerDevice buzzer(configured("gpiochip0"),
                            [&](const Settings::Buzzer&) { return std::make_unique<ForwardingLine>(line); });
        CPPUNIT_ASSERT(buzzer.configured());
        CPPUNIT_ASSERT(buzzer.up());
        buzzer.apply(BuzzerPattern{"critical", std::chrono::seconds(1), std::chrono::milliseconds(0)});
        CPPUNIT_ASSERT(line.waitForWrites(2, std::chrono::seconds(10)));
        CPPUNIT_ASSERT(buzzer.sounding());
        CPPUNIT_ASSERT_EQUAL(std::string(), buzzer.error());
    }

    void testMissingChipIsKeptNotThrown()
    {
        // The real libgpiod opener: no such chip on any machine.
        BuzzerDevice buzzer(configured("gpiochip-alertgate-absent"));
        CPPUNIT_ASSERT(buzzer.configured());
        CPPUNIT_ASSERT(!buzzer.up());
        CPPUNIT_ASSERT_MESSAGE(buzzer.error(),
                               buzzer.error().find("GPIO chip \"gpiochip-alertgate-absent\"") !=
                                   std::string::npos);
        // The cadence runs on regardless, so /metrics can say what the buzzer would be doing.
        buzzer.apply(BuzzerPattern{"critical", std::chrono::seconds(1), std::chrono::milliseconds(0)});
        CPPUNIT_ASSERT(eventually([&] { return buzzer.sounding(); }));
        buzzer.apply(std::nullopt);
        CPPUNIT_ASSERT(eventually([&] { return !buzzer.sounding(); }));
        CPPUNIT_ASSERT(!buzzer.up());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(BuzzerDeviceTest);

} // namespace AlertGate
