#include "FakePatliteTower.h"

#include "GatewayProcess.h"

#include <Poco/File.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Pipe.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <poll.h>
#include <regex>
#include <stdexcept>
#include <unistd.h>

namespace AlertGate::Test {

namespace {

// Debian's interpreter; patlite_tower.py needs only the standard library.
const char* const PYTHON = "/usr/bin/python3";
constexpr int START_TIMEOUT_MS = 20000;
constexpr int STOP_TIMEOUT_MS = 10000;

std::vector<std::string> completeLines(const std::string& path)
{
    std::vector<std::string> lines;
    if (!Poco::File(path).exists())
        return lines;
    std::string content = readFile(path);
    // Only lines with their newline: a line being appended right now is not a command yet.
    std::size_t start = 0;
    for (std::size_t end; (end = content.find('\n', start)) != std::string::npos; start = end + 1)
        if (end > start)
            lines.push_back(content.substr(start, end - start));
    return lines;
}

} // namespace

FakePatliteTower::FakePatliteTower()
{
    std::vector<std::string> args{ALERTGATE_SOURCE_DIR "/tests/fakes/patlite_tower.py", "--record",
                                  _dir.file("commands.jsonl")};
    Poco::Pipe outPipe, errPipe;
    _handle = std::make_unique<Poco::ProcessHandle>(
        Poco::Process::launch(PYTHON, args, nullptr, &outPipe, &errPipe));
    int outFd = ::dup(outPipe.readHandle());
    int errFd = ::dup(errPipe.readHandle());
    outPipe.close();
    errPipe.close();
    _reader = std::thread([this, outFd, errFd] { readOutput(outFd, errFd); });

    std::smatch match;
    std::unique_lock<std::mutex> lock(_mutex);
    static const std::regex listening("(^|\n)LISTENING ([0-9]+) ([0-9]+)\n");
    bool started = _changed.wait_for(lock, std::chrono::milliseconds(START_TIMEOUT_MS), [&] {
        return std::regex_search(_out, match, listening) || _outputClosed;
    }) && std::regex_search(_out, match, listening);
    if (started)
    {
        _httpPort = static_cast<std::uint16_t>(std::stoi(match[2]));
        _pnsPort = static_cast<std::uint16_t>(std::stoi(match[3]));
        return;
    }
    std::string why = _out + _err;
    lock.unlock();
    stop();
    throw std::runtime_error("patlite_tower.py did not start:\n" + why);
}

FakePatliteTower::~FakePatliteTower()
{
    stop();
}

void FakePatliteTower::stop()
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

void FakePatliteTower::readOutput(int outFd, int errFd)
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

std::string FakePatliteTower::control(const std::string& method, const std::string& path) const
{
    HttpResult result = httpRequest(_httpPort, method, path);
    if (result.status != 200)
        throw std::runtime_error("patlite_tower.py: " + method + " " + path + " answered " +
                                 std::to_string(result.status));
    return result.body;
}

std::string FakePatliteTower::state() const
{
    // /api/status obeys the injected behaviour, so read it only while the tower is healthy.
    if (!_healthy)
        throw std::logic_error("FakePatliteTower::state() needs a healthy tower (setMode({}))");
    auto status = Poco::JSON::Parser()
                      .parse(control("GET", "/api/status?format=json"))
                      .extract<Poco::JSON::Object::Ptr>();
    return status->getValue<std::string>("alert");
}

void FakePatliteTower::reboot()
{
    control("POST", "/fake/reboot");
}

void FakePatliteTower::setMode(const Mode& mode)
{
    control("POST", "/fake/mode?disabled=" + std::string(mode.disabled ? "1" : "0") +
                        "&delay_ms=" + std::to_string(mode.delayMs) + "&hang=" + (mode.hang ? "1" : "0") +
                        "&reset=" + (mode.reset ? "1" : "0"));
    _healthy = !mode.disabled && mode.delayMs == 0 && !mode.hang && !mode.reset;
}

std::vector<FakePatliteTower::Command> FakePatliteTower::commands() const
{
    std::vector<Command> result;
    for (const auto& line : completeLines(_dir.file("commands.jsonl")))
    {
        auto entry = Poco::JSON::Parser().parse(line).extract<Poco::JSON::Object::Ptr>();
        Command command;
        command.protocol = entry->getValue<std::string>("protocol");
        command.command = entry->getValue<std::string>("command");
        command.alert = entry->isNull("alert") ? "" : entry->getValue<std::string>("alert");
        command.result = entry->getValue<std::string>("result");
        result.push_back(std::move(command));
    }
    return result;
}

std::vector<std::string> FakePatliteTower::appliedStates() const
{
    std::vector<std::string> states;
    for (const auto& command : commands())
        if ((command.result == "Success." || command.result == "ACK") && !command.alert.empty() &&
            (states.empty() || states.back() != command.alert))
            states.push_back(command.alert);
    return states;
}

bool FakePatliteTower::waitFor(const std::function<bool()>& condition, int timeoutMs) const
{
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    for (;;)
    {
        if (condition())
            return true;
        if (std::chrono::steady_clock::now() >= deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

} // namespace AlertGate::Test
