#include "FakeSmtpServer.h"

#include <Poco/DirectoryIterator.h>
#include <Poco/File.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Pipe.h>

#include <algorithm>
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

// Debian's interpreter, which has python3-aiosmtpd; a python3 earlier on PATH (pyenv, venv) may not.
const char* const PYTHON = "/usr/bin/python3";
constexpr int START_TIMEOUT_MS = 20000;
constexpr int STOP_TIMEOUT_MS = 10000;

const char* modeName(FakeSmtpServer::Mode mode)
{
    switch (mode)
    {
    case FakeSmtpServer::Mode::StartTls:
        return "starttls";
    case FakeSmtpServer::Mode::ImplicitTls:
        return "implicit";
    case FakeSmtpServer::Mode::Plain:
        return "plain";
    }
    return "starttls";
}

std::vector<std::string> arguments(const FakeSmtpServer::Options& options, const std::string& maildir)
{
    std::vector<std::string> args{ALERTGATE_SOURCE_DIR "/tests/fakes/smtp_server.py", "--mode",
                                  modeName(options.mode), "--maildir", maildir, "--port",
                                  std::to_string(options.port)};
    if (!options.certFile.empty())
        args.insert(args.end(), {"--cert", options.certFile, "--key", options.keyFile});
    if (!options.user.empty())
        args.insert(args.end(), {"--user", options.user, "--password", options.password});
    if (!options.failData.empty())
        args.insert(args.end(), {"--fail-data", options.failData});
    return args;
}

std::string readIfExists(const std::string& path)
{
    return Poco::File(path).exists() ? readFile(path) : std::string();
}

std::vector<std::string> completedMessages(const std::string& maildir)
{
    // NNNN.json is written (renamed into place) after NNNN.eml: it marks a complete message.
    std::vector<std::string> stems;
    for (Poco::DirectoryIterator it(maildir), end; it != end; ++it)
    {
        const std::string name = it.name();
        if (name.size() > 5 && name.compare(name.size() - 5, 5, ".json") == 0)
            stems.push_back(it->path().substr(0, it->path().size() - 5));
    }
    std::sort(stems.begin(), stems.end());
    return stems;
}

} // namespace

FakeSmtpServer::FakeSmtpServer(const Options& options) : _maildir(_dir.file("maildir"))
{
    Poco::File(_maildir).createDirectories();
    Poco::Pipe outPipe, errPipe;
    _handle = std::make_unique<Poco::ProcessHandle>(
        Poco::Process::launch(PYTHON, arguments(options, _maildir), nullptr, &outPipe, &errPipe));
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
    throw std::runtime_error("smtp_server.py did not start:\n" + why);
}

FakeSmtpServer::~FakeSmtpServer()
{
    stop();
}

void FakeSmtpServer::stop()
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

void FakeSmtpServer::readOutput(int outFd, int errFd)
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

std::vector<FakeSmtpServer::Message> FakeSmtpServer::messages() const
{
    std::vector<Message> result;
    for (const auto& stem : completedMessages(_maildir))
    {
        auto meta = Poco::JSON::Parser().parse(readFile(stem + ".json")).extract<Poco::JSON::Object::Ptr>();
        Message message;
        message.file = stem + ".eml";
        message.raw = readFile(message.file);
        message.mailFrom = meta->getValue<std::string>("mail_from");
        auto rcptTos = meta->getArray("rcpt_tos");
        for (std::size_t i = 0; rcptTos && i < rcptTos->size(); ++i)
            message.rcptTos.push_back(rcptTos->getElement<std::string>(static_cast<unsigned>(i)));
        if (!meta->isNull("auth_user"))
            message.authUser = meta->getValue<std::string>("auth_user");
        result.push_back(std::move(message));
    }
    return result;
}

bool FakeSmtpServer::waitForMessages(std::size_t count, int timeoutMs) const
{
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    for (;;)
    {
        if (completedMessages(_maildir).size() >= count)
            return true;
        if (std::chrono::steady_clock::now() >= deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

std::string FakeSmtpServer::commandsLog() const
{
    return readIfExists(_maildir + "/commands.log");
}

std::string FakeSmtpServer::log() const
{
    std::lock_guard<std::mutex> lock(_mutex);
    return _err;
}

} // namespace AlertGate::Test
