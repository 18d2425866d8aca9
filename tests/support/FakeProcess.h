#pragma once

#include "ChildProcess.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace AlertGate::Test {

/// One fake server script of tests/fakes, run by Debian's /usr/bin/python3: started, waited for until
/// it prints "LISTENING <port> [<port>...]", its stderr kept for failure messages, and stopped
/// (SIGTERM, then SIGKILL after 10 s) when the object goes.
class FakeProcess
{
public:
    explicit FakeProcess(const std::vector<std::string>& scriptAndArgs);
    /// Waits (20 s at most) until the script listens; throws std::runtime_error with its output otherwise.

    const std::vector<std::uint16_t>& ports() const { return _ports; }
    /// The ports of the LISTENING line, in its order.

    std::string log() const;
    /// What the script wrote on stderr so far.

private:
    bool waitUntilListening(const std::string& script);

    std::unique_ptr<ChildProcess> _child;
    std::vector<std::uint16_t> _ports;
};

std::vector<std::string> completeLines(const std::string& recordFile);
/// The lines a fake has appended to its record file (one JSON object each), without a line it is
/// writing right now; none when the file does not exist yet.

} // namespace AlertGate::Test
