#pragma once

#include "signal/buzzer/BuzzerSink.h"
#include "signal/buzzer/Cadence.h"
#include "signal/gpio/GpioLine.h"

#include "core/Clock.h"
#include "core/WorkerLoop.h"

#include <memory>
#include <mutex>

namespace AlertGate {

/// The buzzer on a GPIO line: apply() hands the wanted pattern to a thread of its own that runs the
/// Cadence, so the reconciler never waits for the hardware. A line that fails to be set is logged once
/// and reported through healthy(); the thread keeps trying at the next change.
class GpioBuzzer : public BuzzerSink
{
public:
    GpioBuzzer(std::unique_ptr<GpioLine> line, bool activeLow, std::chrono::milliseconds maxSounding);
    /// Drives the line inactive at once (a failure shows in healthy()) and starts the thread.

    ~GpioBuzzer() override;
    /// Stops the thread and leaves the line inactive.

    GpioBuzzer(const GpioBuzzer&) = delete;
    GpioBuzzer& operator=(const GpioBuzzer&) = delete;

    void apply(const std::optional<BuzzerPattern>& pattern) override;

    bool sounding() const;
    /// A pattern is being played (between its beeps too), i.e. not quiet and not past max sounding.

    bool healthy() const;
    /// False while the last attempt to set the line failed.

private:
    std::int64_t step(std::int64_t nowMicros);
    void advance();

    std::unique_ptr<GpioLine> _line;
    mutable std::mutex _mutex;
    Cadence _cadence;
    std::optional<BuzzerPattern> _wanted;
    bool _changed = false;
    bool _healthy = true;
    std::optional<Cadence::Time> _next; ///< When the cadence needs the thread next.
    SystemClock _clock;
    WorkerLoop _loop; ///< Last: its thread stops before the parts it steps go.
};

} // namespace AlertGate
