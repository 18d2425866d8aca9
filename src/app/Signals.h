#pragma once

#include <csignal>

namespace AlertGate {

/// SIGTERM, SIGINT, SIGQUIT and SIGHUP taken synchronously: blocked in every thread (block() runs
/// before any thread starts, and threads inherit the mask) and received with sigwait, so no handler
/// ever runs inside a thread that holds a lock.
class Signals
{
public:
    Signals();

    void block();
    int wait();
    /// Waits for the next of these signals and returns it.

private:
    sigset_t _set;
};

} // namespace AlertGate
