#pragma once

#include <Poco/Process.h>

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
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
    ~FakeProcess();
    FakeProcess(const FakeProcess&) = delete;
    FakeProcess& operator=(const FakeProcess&) = delete;

    const std::vector<std::uint16_t>& ports() const { return _ports; }
    /// The ports of the LISTENING line, in its order.

    std::string log() const;
    /// What the script wrote on stderr so far.

private:
    void readOutput(int outFd, int errFd);
    bool waitUntilListening(const std::string& script);
    void stop();

    std::unique_ptr<Poco::ProcessHandle> _handle;
    std::thread _reader;
    mutable std::mutex _mutex;
    std::condition_variable _changed;
    std::string _out;
    std::string _err;
    bool _outputClosed = false;
    std::vector<std::uint16_t> _ports;
};

std::vector<std::string> completeLines(const std::string& recordFile);
/// The lines a fake has appended to its record file (one JSON object each), without a line it is
/// writing right now; none when the file does not exist yet.

} // namespace AlertGate::Test
