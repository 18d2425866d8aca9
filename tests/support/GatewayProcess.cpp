#include "GatewayProcess.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/StreamCopier.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <iterator>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

namespace AlertGate::Test {

namespace {

constexpr int kStartTimeoutMs = 20000;

// ALERTGATE_TEST_WRAPPER (e.g. "qemu-arm-static -L /sysroot") goes in front of the alertgate binary,
// so a cross-built suite starts the cross-built daemon under user-mode emulation. Only there: the
// other programs the tests run (sh, mount, python3, openssl) are the build machine's own.
std::string wrapAlertgate(std::vector<std::string>& args)
{
    const char* wrapper = std::getenv("ALERTGATE_TEST_WRAPPER");
    std::istringstream words(wrapper ? wrapper : "");
    std::vector<std::string> prefix{std::istream_iterator<std::string>(words),
                                    std::istream_iterator<std::string>()};
    if (prefix.empty())
        return ALERTGATE_BINARY;
    args.insert(args.begin(), ALERTGATE_BINARY);
    args.insert(args.begin(), prefix.begin() + 1, prefix.end());
    return prefix.front();
}

} // namespace

CommandResult runCommand(const std::string& program, const std::vector<std::string>& args,
                         const std::string& directory)
{
    Poco::Pipe outPipe, errPipe;
    Poco::ProcessHandle handle = Poco::Process::launch(program, args, directory, nullptr, &outPipe, &errPipe);
    CommandResult result;
    // Drain stderr on its own thread so a chatty child never blocks on a full pipe.
    std::thread errReader([&] {
        Poco::PipeInputStream in(errPipe);
        Poco::StreamCopier::copyToString(in, result.err);
    });
    Poco::PipeInputStream out(outPipe);
    Poco::StreamCopier::copyToString(out, result.out);
    errReader.join();
    result.exitCode = handle.wait();
    return result;
}

CommandResult runAlertgate(const std::vector<std::string>& args, const std::string& directory)
{
    std::vector<std::string> wrappedArgs = args;
    std::string program = wrapAlertgate(wrappedArgs);
    return runCommand(program, wrappedArgs, directory);
}

GatewayProcess::GatewayProcess(const std::string& configFile, const Poco::Process::Env& env,
                               const std::string& untilLogged)
{
    Poco::Pipe errPipe;
    std::vector<std::string> args{"--config", configFile};
    std::string program = wrapAlertgate(args);
    _handle = std::make_unique<Poco::ProcessHandle>(
        Poco::Process::launch(program, args, nullptr, nullptr, &errPipe, env));
    _running = true;
    int fd = errPipe.readHandle();
    int ownFd = ::dup(fd);
    errPipe.close();
    _reader = std::thread([this, ownFd] { readLog(ownFd); });
    if (!waitForLog(untilLogged, kStartTimeoutMs))
    {
        std::string text = log();
        kill();
        throw std::runtime_error("alertgate did not log \"" + untilLogged + "\":\n" + text);
    }
    if (untilLogged != kListening)
        return;
    std::smatch match;
    std::string text = log();
    if (!std::regex_search(text, match, std::regex(" listening on [^ ]*:([0-9]+),")))
        throw std::runtime_error("no port in the log:\n" + text);
    _port = static_cast<std::uint16_t>(std::stoi(match[1]));
}

GatewayProcess::~GatewayProcess()
{
    if (_running)
        terminate();
    if (_reader.joinable())
        _reader.join();
}

void GatewayProcess::readLog(int fd)
{
    char buffer[4096];
    for (;;)
    {
        ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n <= 0)
            break;
        std::lock_guard<std::mutex> lock(_mutex);
        _log.append(buffer, static_cast<std::size_t>(n));
        _changed.notify_all();
    }
    ::close(fd);
    std::lock_guard<std::mutex> lock(_mutex);
    _logClosed = true;
    _changed.notify_all();
}

std::string GatewayProcess::log() const
{
    std::lock_guard<std::mutex> lock(_mutex);
    return _log;
}

bool GatewayProcess::waitForLog(const std::string& text, int timeoutMs) const
{
    std::unique_lock<std::mutex> lock(_mutex);
    return _changed.wait_for(lock, std::chrono::milliseconds(timeoutMs), [&] {
        return _log.find(text) != std::string::npos || _logClosed;
    }) && _log.find(text) != std::string::npos;
}

int GatewayProcess::reap()
{
    int code = _handle->wait();
    _running = false;
    if (_reader.joinable())
        _reader.join();
    return code;
}

void GatewayProcess::kill()
{
    if (!_running)
        return;
    ::kill(_handle->id(), SIGKILL);
    reap();
}

void GatewayProcess::sendSignal(int signal)
{
    if (_running)
        ::kill(_handle->id(), signal);
}

int GatewayProcess::terminate()
{
    if (!_running)
        return -1;
    ::kill(_handle->id(), SIGTERM);
    return reap();
}

HttpResult httpRequest(std::uint16_t port, const std::string& method, const std::string& path,
                       const std::map<std::string, std::string>& headers, const std::string& body,
                       bool chunked)
{
    Poco::Net::HTTPClientSession session("127.0.0.1", port);
    session.setTimeout(Poco::Timespan(30, 0));
    Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    for (const auto& [name, value] : headers)
        request.set(name, value);
    if (chunked)
        request.setChunkedTransferEncoding(true);
    else if (method == "POST" || !body.empty())
        request.setContentLength64(static_cast<Poco::Int64>(body.size()));
    session.sendRequest(request) << body;
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    HttpResult result;
    result.status = response.getStatus();
    for (const auto& [name, value] : response)
        result.headers[name] = value;
    Poco::StreamCopier::copyToString(in, result.body);
    return result;
}

} // namespace AlertGate::Test
