#include "core/WorkerLoop.h"

#include <algorithm>

namespace AlertGate {

namespace {

// A wait is measured from the step's own clock reading and re-checked at least this often, so a wall
// clock that jumps (a Raspberry Pi has no RTC and sets its time late) delays nothing for long.
constexpr std::int64_t LONGEST_WAIT_MS = 3600 * 1000;

} // namespace

WorkerLoop::WorkerLoop(const std::string& name, const Clock& clock, Step step)
    : _clock(clock), _step(std::move(step)), _thread(name)
{
}

WorkerLoop::~WorkerLoop()
{
    stop();
}

void WorkerLoop::start()
{
    _thread.start(*this);
}

void WorkerLoop::wake()
{
    _wakeUp.set();
}

void WorkerLoop::stop()
{
    _stopping = true;
    _wakeUp.set();
    if (_thread.isRunning())
        _thread.join();
}

void WorkerLoop::run()
{
    while (!_stopping)
    {
        const std::int64_t now = _clock.nowMicros();
        const std::int64_t next = _step(now);
        if (_stopping)
            return;
        if (next <= now)
            continue;
        // Rounded up, so a deadline is never woken for a millisecond early and stepped twice.
        const std::int64_t waitMs = next == IDLE ? LONGEST_WAIT_MS : (next - now + 999) / 1000;
        _wakeUp.tryWait(static_cast<long>(std::min(waitMs, LONGEST_WAIT_MS)));
    }
}

} // namespace AlertGate
