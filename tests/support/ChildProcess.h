#pragma once

#include <Poco/Process.h>

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace AlertGate::Test {

/// A program a test runs beside the gateway (a fake server, Prometheus, Alertmanager): its stdout and
/// stderr kept for waiting on and for failure messages, and stopped (SIGTERM, then SIGKILL after 10 s)
/// when the object goes.
class ChildProcess
{
public:
    ChildProcess(const std::string& program, const std::vector<std::string>& args);
    ~ChildProcess();
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    bool waitForOutput(const std::function<bool(const std::string& out)>& condition, int timeoutMs) const;
    /// Waits until condition holds for what the program printed on stdout so far (true), or until the
    /// timeout passes or the program closed its output (false).

    std::string out() const;
    std::string err() const;
    void stop();

private:
    void readOutput(int outFd, int errFd);

    std::unique_ptr<Poco::ProcessHandle> _handle;
    std::thread _reader;
    mutable std::mutex _mutex;
    mutable std::condition_variable _changed;
    std::string _out;
    std::string _err;
    bool _outputClosed = false;
};

} // namespace AlertGate::Test
