#include "signal/silence/SilenceButton.h"

#include "signal/gpio/GpioError.h"

#include <Poco/Logger.h>

namespace AlertGate {

namespace {

Poco::Logger& logger()
{
    return Poco::Logger::get("buzzer");
}

// Bounds how long stopping takes; libgpiod waits on its own fd, with no way to wake it early.
const std::chrono::milliseconds kWaitSlice(250);

} // namespace

SilenceButton::SilenceButton(std::unique_ptr<GpioEdgeLine> line, bool activeLow,
                             std::chrono::milliseconds debounce, std::function<void()> onPress)
    : _line(std::move(line)), _activeLow(activeLow), _debounce(debounce), _onPress(std::move(onPress)),
      _thread("button")
{
    _thread.startFunc([this] { run(); });
}

SilenceButton::~SilenceButton()
{
    _stopping = true;
    _thread.join();
}

void SilenceButton::run()
{
    bool failing = false;
    while (!_stopping)
    {
        try
        {
            if (auto level = _line->waitEdge(kWaitSlice))
                handle(*level);
            failing = false;
        }
        catch (const GpioError& e)
        {
            if (!failing)
                logger().error("Silence button: %s", std::string(e.what()));
            failing = true;
            Poco::Thread::sleep(static_cast<long>(kWaitSlice.count()));
        }
    }
}

void SilenceButton::handle(int level)
{
    bool active = (level == 1) != _activeLow;
    if (!_debounce.press(active, std::chrono::steady_clock::now()))
        return;
    try
    {
        _onPress();
    }
    catch (const std::exception& e)
    {
        logger().error("Silence button pressed, but: %s", std::string(e.what()));
    }
}

} // namespace AlertGate
