#include "FakeGpioLine.h"

#include "signal/gpio/GpioError.h"

namespace AlertGate {

void FakeGpioLine::setLevel(int level)
{
    {
        std::lock_guard<std::mutex> lock(_mutex);
        if (_fail)
            throw GpioError("fake line: write refused");
        _writes.push_back({_now ? *_now : std::chrono::steady_clock::now(), level});
    }
    _written.notify_all();
}

void FakeGpioLine::setNow(Time now)
{
    std::lock_guard<std::mutex> lock(_mutex);
    _now = now;
}

void FakeGpioLine::failWrites(bool fail)
{
    std::lock_guard<std::mutex> lock(_mutex);
    _fail = fail;
}

std::vector<FakeGpioLine::Write> FakeGpioLine::writes() const
{
    std::lock_guard<std::mutex> lock(_mutex);
    return _writes;
}

int FakeGpioLine::level() const
{
    std::lock_guard<std::mutex> lock(_mutex);
    return _writes.empty() ? -1 : _writes.back().level;
}

bool FakeGpioLine::waitForWrites(std::size_t count, std::chrono::milliseconds timeout) const
{
    std::unique_lock<std::mutex> lock(_mutex);
    return _written.wait_for(lock, timeout, [&] { return _writes.size() >= count; });
}

} // namespace AlertGate
