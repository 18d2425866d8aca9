#pragma once

#include "core/Clock.h"

#include <Poco/Event.h>
#include <Poco/Runnable.h>
#include <Poco/Thread.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <limits>
#include <string>

namespace AlertGate {

/// The thread of a stepped worker (the store writer, a dispatcher, the reconciler): it runs step(now),
/// then waits until the time that step asked for or until wake(), whichever comes first, and again.
/// All the worker's logic is in its step, which a test calls directly with a clock of its own; the
/// thread only waits. The wait is a Poco::Event, so stop() never waits for a sleep to run out.
class WorkerLoop : private Poco::Runnable
{
public:
    using Step = std::function<std::int64_t(std::int64_t nowMicros)>;
    /// Does one round of work at nowMicros and returns when (Clock time) it needs to run again.

    static constexpr std::int64_t IDLE = std::numeric_limits<std::int64_t>::max();
    /// A step's answer when only a wake-up can bring it work.

    WorkerLoop(const std::string& name, const Clock& clock, Step step);
    ~WorkerLoop() override;
    /// Stops the thread.

    WorkerLoop(const WorkerLoop&) = delete;
    WorkerLoop& operator=(const WorkerLoop&) = delete;

    void start();
    void wake();
    /// The next step runs at once (after the one in progress, if any); wake-ups during a step are kept.
    void stop();
    /// Returns once the step in progress, if any, has ended. Safe to call more than once, or unstarted.

private:
    void run() override;

    const Clock& _clock;
    Step _step;
    Poco::Event _wakeUp; ///< Auto-reset: one wake-up, one extra step.
    std::atomic<bool> _stopping{false};
    Poco::Thread _thread;
};

} // namespace AlertGate
