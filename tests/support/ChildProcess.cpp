#include "ChildProcess.h"

#include <Poco/Pipe.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <poll.h>
#include <unistd.h>

namespace AlertGate::Test {

namespace {

constexpr int STOP_TIMEOUT_MS = 10000;

} // namespace

ChildProcess::ChildProcess(const std::string& program, const std::vector<std::string>& args)
{
    Poco::Pipe outPipe, errPipe;
    _handle = std::make_unique<Poco::ProcessHandle>(
        Poco::Process::launch(program, args, nullptr, &outPipe, &errPipe));
    int outFd = ::dup(outPipe.readHandle());
    int errFd = ::dup(errPipe.readHandle());
    outPipe.close();
    errPipe.close();
    _reader = std::thread([this, outFd, errFd] { readOutput(outFd, errFd); });
}

ChildProcess::~ChildProcess()
{
    stop();
}

bool ChildProcess::waitForOutput(const std::function<bool(const std::string&)>& condition,
                                 int timeoutMs) const
{
    std::unique_lock<std::mutex> lock(_mutex);
    _changed.wait_for(lock, std::chrono::milliseconds(timeoutMs),
                      [&] { return condition(_out) || _outputClosed; });
    return condition(_out);
}

std::string ChildProcess::out() const
{
    std::lock_guard<std::mutex> lock(_mutex);
    return _out;
}

std::string ChildProcess::err() const
{
    std::lock_guard<std::mutex> lock(_mutex);
    return _err;
}

void ChildProcess::stop()
{
    if (_handle)
    {
        const pid_t pid = _handle->id();
        ::kill(pid, SIGTERM);
        auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(STOP_TIMEOUT_MS);
        while (_handle->tryWait() == -1)
        {
            if (std::chrono::steady_clock::now() > deadline)
            {
                ::kill(pid, SIGKILL);
                _handle->wait();
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        _handle.reset();
    }
    if (_reader.joinable())
        _reader.join();
}

void ChildProcess::readOutput(int outFd, int errFd)
{
    pollfd fds[2] = {{outFd, POLLIN, 0}, {errFd, POLLIN, 0}};
    std::string* sinks[2] = {&_out, &_err};
    int open = 2;
    while (open > 0)
    {
        if (::poll(fds, 2, -1) < 0)
        {
            if (errno == EINTR)
                continue;
            break;
        }
        for (int i = 0; i < 2; ++i)
        {
            if (fds[i].fd < 0 || fds[i].revents == 0)
                continue;
            char buffer[4096];
            ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
            {
                ::close(fds[i].fd);
                fds[i].fd = -1;
                --open;
                continue;
            }
            std::lock_guard<std::mutex> lock(_mutex);
            sinks[i]->append(buffer, static_cast<std::size_t>(n));
            _changed.notify_all();
        }
    }
    for (auto& entry : fds)
        if (entry.fd >= 0)
            ::close(entry.fd);
    std::lock_guard<std::mutex> lock(_mutex);
    _outputClosed = true;
    _changed.notify_all();
}

} // namespace AlertGate::Test
