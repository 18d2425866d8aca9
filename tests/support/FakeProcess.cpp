#include "FakeProcess.h"

#include "TempDir.h"

#include <Poco/File.h>
#include <Poco/Pipe.h>
#include <Poco/StringTokenizer.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <poll.h>
#include <regex>
#include <stdexcept>
#include <unistd.h>

namespace AlertGate::Test {

namespace {

const char* const PYTHON = "/usr/bin/python3";
constexpr int START_TIMEOUT_MS = 20000;
constexpr int STOP_TIMEOUT_MS = 10000;

} // namespace

FakeProcess::FakeProcess(const std::vector<std::string>& scriptAndArgs)
{
    Poco::Pipe outPipe, errPipe;
    _handle = std::make_unique<Poco::ProcessHandle>(
        Poco::Process::launch(PYTHON, scriptAndArgs, nullptr, &outPipe, &errPipe));
    int outFd = ::dup(outPipe.readHandle());
    int errFd = ::dup(errPipe.readHandle());
    outPipe.close();
    errPipe.close();
    _reader = std::thread([this, outFd, errFd] { readOutput(outFd, errFd); });
    const std::string script = scriptAndArgs.front().substr(scriptAndArgs.front().rfind('/') + 1);
    if (!waitUntilListening(script))
    {
        std::string why = [this] {
            std::lock_guard<std::mutex> lock(_mutex);
            return _out + _err;
        }();
        stop();
        throw std::runtime_error(script + " did not start:\n" + why);
    }
}

FakeProcess::~FakeProcess()
{
    stop();
}

bool FakeProcess::waitUntilListening(const std::string& script)
{
    static const std::regex listening("(^|\n)LISTENING ([0-9 ]+)\n");
    std::smatch match;
    std::unique_lock<std::mutex> lock(_mutex);
    bool started = _changed.wait_for(lock, std::chrono::milliseconds(START_TIMEOUT_MS), [&] {
        return std::regex_search(_out, match, listening) || _outputClosed;
    }) && std::regex_search(_out, match, listening);
    if (!started)
        return false;
    for (const auto& port : Poco::StringTokenizer(match[2], " ", Poco::StringTokenizer::TOK_IGNORE_EMPTY))
        _ports.push_back(static_cast<std::uint16_t>(std::stoi(port)));
    if (_ports.empty())
        throw std::runtime_error(script + " printed LISTENING without a port");
    return true;
}

std::string FakeProcess::log() const
{
    std::lock_guard<std::mutex> lock(_mutex);
    return _err;
}

void FakeProcess::stop()
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

void FakeProcess::readOutput(int outFd, int errFd)
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

std::vector<std::string> completeLines(const std::string& recordFile)
{
    std::vector<std::string> lines;
    if (!Poco::File(recordFile).exists())
        return lines;
    std::string content = readFile(recordFile);
    std::size_t start = 0;
    for (std::size_t end; (end = content.find('\n', start)) != std::string::npos; start = end + 1)
        if (end > start)
            lines.push_back(content.substr(start, end - start));
    return lines;
}

} // namespace AlertGate::Test
