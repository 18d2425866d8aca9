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
    : _line(std::move(line)), _cadence(*_line, activeLow, maxSounding),
      _loop("buzzer", _clock, [this](std::int64_t now) { return step(now); })
{
    advance(); // inactive before anyone can ask for a pattern; a failure is kept, not thrown
    _loop.start();
}

GpioBuzzer::~GpioBuzzer()
{
    _loop.stop();
    std::lock_guard<std::mutex> lock(_mutex);
    try
    {
        _cadence.quiet();
    }
    catch (const GpioError& e)
    {
        logger().error("Buzzer left in an unknown state at shutdown: %s", std::string(e.what()));
    }
}

void GpioBuzzer::apply(const std::optional<BuzzerPattern>& pattern)
{
    {
        std::lock_guard<std::mutex> lock(_mutex);
        _wanted = pattern;
        _changed = true;
    }
    _loop.wake();
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

// The cadence keeps its own monotonic time; the loop gets the same wait in its clock's terms.
std::int64_t GpioBuzzer::step(std::int64_t nowMicros)
{
    std::lock_guard<std::mutex> lock(_mutex);
    const auto now = std::chrono::steady_clock::now();
    if (_changed)
    {
        _changed = false;
        _cadence.apply(_wanted, now);
        _next = now;
    }
    if (_next && now >= *_next)
        advance();
    if (!_next)
        return WorkerLoop::IDLE;
    return nowMicros + std::chrono::duration_cast<std::chrono::microseconds>(*_next - now).count();
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
