#pragma once

#include <Poco/Process.h>

#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace AlertGate::Test {

/// What a finished command printed and returned.
struct CommandResult
{
    int exitCode = -1;
    std::string out;
    std::string err;
};

CommandResult runCommand(const std::string& program, const std::vector<std::string>& args,
                         const std::string& directory = "");
CommandResult runAlertgate(const std::vector<std::string>& args, const std::string& directory = "");
/// Runs the alertgate binary built with the tests, in directory (empty: the test's own).

/// The real alertgate daemon, started with a config file on a kernel-chosen port (listen ...:0),
/// stopped (SIGTERM, then SIGKILL) when the object goes.
class GatewayProcess
{
public:
    static constexpr const char* kListening = " listening on ";
    explicit GatewayProcess(const std::string& configFile, const Poco::Process::Env& env = {},
                            const std::string& untilLogged = kListening);
    /// Starts it (with env added to its environment) and waits until it logs untilLogged: by default its
    /// listening address (port() is known then); a test that cuts a start short names an earlier line.
    /// Throws with its log if it does not.
    ~GatewayProcess();
    GatewayProcess(const GatewayProcess&) = delete;
    GatewayProcess& operator=(const GatewayProcess&) = delete;

    std::uint16_t port() const { return _port; }
    bool running() const { return _running; }

    void kill();
    /// SIGKILL, and waits for it to die: no chance to clean up, as in a power cut of the process.
    int terminate();
    /// SIGTERM; returns the exit code.
    void sendSignal(int signal);

    std::string log() const;
    bool waitForLog(const std::string& text, int timeoutMs) const;

private:
    void readLog(int fd);
    int reap();

    std::unique_ptr<Poco::ProcessHandle> _handle;
    std::thread _reader;
    mutable std::mutex _mutex;
    mutable std::condition_variable _changed;
    std::string _log;
    bool _logClosed = false;
    std::uint16_t _port = 0;
    bool _running = false;
};

/// A plain HTTP exchange with the gateway on loopback.
struct HttpResult
{
    int status = 0;
    std::string body;
    std::map<std::string, std::string> headers;
};

HttpResult httpRequest(std::uint16_t port, const std::string& method, const std::string& path,
                       const std::map<std::string, std::string>& headers = {}, const std::string& body = {},
                       bool chunked = false);

} // namespace AlertGate::Test
