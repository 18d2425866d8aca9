#include "FakeSlackServer.h"

#include "TestCertificates.h"

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

namespace AlertGate::Test
{

namespace
{

// Debian's interpreter, as for the SMTP fake; slack_server.py needs only the standard library.
const char* const PYTHON = "/usr/bin/python3";
constexpr int START_TIMEOUT_MS = 20000;
constexpr int STOP_TIMEOUT_MS = 10000;

std::vector<std::string> completeLines(const std::string& path)
{
    std::vector<std::string> lines;
    if (!Poco::File(path).exists())
        return lines;
    std::string content = readFile(path);
    // Only lines with their newline: a line being appended right now is not a request yet.
    std::size_t start = 0;
    for (std::size_t end; (end = content.find('\n', start)) != std::string::npos; start = end + 1)
        if (end > start)
            lines.push_back(content.substr(start, end - start));
    return lines;
}

} // namespace

FakeSlackServer::FakeSlackServer(const std::string& scriptJson, const TestCertificates* certificates,
                                 std::uint16_t port, Certificate certificate)
    : _tls(certificates != nullptr)
{
    std::vector<std::string> args{ALERTGATE_SOURCE_DIR "/tests/fakes/slack_server.py",
                                  "--script",
                                  _dir.write("script.json", scriptJson),
                                  "--record",
                                  _dir.file("requests.jsonl"),
                                  "--port",
                                  std::to_string(port)};
    if (certificates && certificate == Certificate::Trusted)
        args.insert(args.end(), {"--cert", certificates->certFile(), "--key", certificates->keyFile()});
    else if (certificates)
        args.insert(args.end(),
                    {"--cert", certificates->untrustedCertFile(), "--key", certificates->untrustedKeyFile()});
    Poco::Pipe outPipe, errPipe;
    _handle = std::make_unique<Poco::ProcessHandle>(Poco::Process::launch(PYTHON, args, nullptr, &outPipe, &errPipe));
    int outFd = ::dup(outPipe.readHandle());
    int errFd = ::dup(errPipe.readHandle());
    outPipe.close();
    errPipe.close();
    _reader = std::thread([this, outFd, errFd] { readOutput(outFd, errFd); });

    std::smatch match;
    std::unique_lock<std::mutex> lock(_mutex);
    static const std::regex listening("(^|\n)LISTENING ([0-9]+)\n");
    bool started = _changed.wait_for(lock, std::chrono::milliseconds(START_TIMEOUT_MS),
                                     [&] { return std::regex_search(_out, match, listening) || _outputClosed; }) &&
                   std::regex_search(_out, match, listening);
    if (started)
    {
        _port = static_cast<std::uint16_t>(std::stoi(match[2]));
        return;
    }
    std::string why = _out + _err;
    lock.unlock();
    stop();
    throw std::runtime_error("slack_server.py did not start:\n" + why);
}

FakeSlackServer::~FakeSlackServer()
{
    stop();
}

void FakeSlackServer::stop()
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

void FakeSlackServer::readOutput(int outFd, int errFd)
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

std::string FakeSlackServer::url(const std::string& path) const
{
    return std::string(_tls ? "https" : "http") + "://localhost:" + std::to_string(_port) + path;
}

std::vector<FakeSlackServer::Request> FakeSlackServer::requests() const
{
    std::vector<Request> result;
    for (const auto& line : completeLines(_dir.file("requests.jsonl")))
    {
        auto entry = Poco::JSON::Parser().parse(line).extract<Poco::JSON::Object::Ptr>();
        Request request;
        request.method = entry->getValue<std::string>("method");
        request.path = entry->getValue<std::string>("path");
        request.body = entry->getValue<std::string>("body");
        request.at = entry->getValue<double>("at");
        auto headers = entry->getObject("headers");
        for (const auto& name : headers->getNames())
            request.headers[name] = headers->getValue<std::string>(name);
        result.push_back(std::move(request));
    }
    return result;
}

bool FakeSlackServer::waitForRequests(std::size_t count, int timeoutMs) const
{
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    for (;;)
    {
        if (completeLines(_dir.file("requests.jsonl")).size() >= count)
            return true;
        if (std::chrono::steady_clock::now() >= deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

std::string FakeSlackServer::log() const
{
    std::lock_guard<std::mutex> lock(_mutex);
    return _err;
}

} // namespace AlertGate::Test
