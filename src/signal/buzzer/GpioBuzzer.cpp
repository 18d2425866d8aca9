#include "signal/buzzer/GpioBuzzer.h"

#include "signal/gpio/GpioError.h"

#include <Poco/Logger.h>

namespace AlertGate {

namespace {

Poco::Logger& logger()
{
    return Poco::Logger::get("buzzer");
}

} // namespace

GpioBuzzer::GpioBuzzer(std::unique_ptr<GpioLine> line, bool activeLow, std::chrono::milliseconds maxSounding)
    : _line(std::move(line)), _cadence(*_line, activeLow, maxSounding), _thread("buzzer")
{
    advance(); // inactive before anyone can ask for a pattern; a failure is kept, not thrown
    _thread.startFunc([this] { run(); });
}

GpioBuzzer::~GpioBuzzer()
{
    {
        std::lock_guard<std::mutex> lock(_mutex);
        _stopping = true;
    }
    _wake.notify_all();
    _thread.join();
}

void GpioBuzzer::apply(const std::optional<BuzzerPattern>& pattern)
{
    {
        std::lock_guard<std::mutex> lock(_mutex);
        _wanted = pattern;
        _changed = true;
    }
    _wake.notify_all();
}

bool GpioBuzzer::sounding() const
{
    std::lock_guard<std::mutex> lock(_mutex);
    return _cadence.sounding();
}

bool GpioBuzzer::healthy() const
{
    std::lock_guard<std::mutex> lock(_mutex);
    return _healthy;
}

void GpioBuzzer::run()
{
    std::unique_lock<std::mutex> lock(_mutex);
    while (!_stopping)
    {
        if (_changed)
        {
            _changed = false;
            _cadence.apply(_wanted, std::chrono::steady_clock::now());
            _next = std::chrono::steady_clock::now();
        }
        if (_next && std::chrono::steady_clock::now() >= *_next)
            advance();
        auto woken = [this] { return _stopping || _changed; };
        if (_next)
            _wake.wait_until(lock, *_next, woken);
        else
            _wake.wait(lock, woken);
    }
    try
    {
        _cadence.quiet();
    }
    catch (const GpioError& e)
    {
        logger().error("Buzzer left in an unknown state at shutdown: %s", std::string(e.what()));
    }
}

// The line is set under the lock: a GPIO write is a quick ioctl, and holding the lock keeps sounding()
// consistent with what the pin carries.
void GpioBuzzer::advance()
{
    auto now = std::chrono::steady_clock::now();
    try
    {
        _next = _cadence.advance(now);
        if (!_healthy)
            logger().notice("Buzzer line works again");
        _healthy = true;
    }
    catch (const GpioError& e)
    {
        if (_healthy)
            logger().error("Buzzer: %s", std::string(e.what()));
        _healthy = false;
        _next = now + std::chrono::seconds(1); // try again soon rather than never
    }
}

} // namespace AlertGate
