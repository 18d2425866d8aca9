#pragma once

#include "signal/gpio/GpioEdgeLine.h"
#include "signal/silence/Debounce.h"

#include <Poco/Thread.h>

#include <atomic>
#include <functional>
#include <memory>

namespace AlertGate {

/// The optional silence button: a thread of its own waits for the line's edges, debounces them and
/// calls onPress for each press. onPress runs on that thread; what it throws is logged.
class SilenceButton
{
public:
    SilenceButton(std::unique_ptr<GpioEdgeLine> line, bool activeLow, std::chrono::milliseconds debounce,
                  std::function<void()> onPress);
    ~SilenceButton();
    /// Stops the thread (within one wait slice, a quarter of a second).

    SilenceButton(const SilenceButton&) = delete;
    SilenceButton& operator=(const SilenceButton&) = delete;

private:
    void run();
    void handle(int level);

    std::unique_ptr<GpioEdgeLine> _line;
    bool _activeLow;
    Debounce _debounce;
    std::function<void()> _onPress;
    std::atomic<bool> _stopping{false};
    Poco::Thread _thread;
};

} // namespace AlertGate
