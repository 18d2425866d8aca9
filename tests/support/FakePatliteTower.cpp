#include "FakePatliteTower.h"

#include "GatewayProcess.h"

#include <Poco/File.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <chrono>
#include <stdexcept>
#include <unistd.h>

namespace AlertGate::Test {

FakePatliteTower::FakePatliteTower()
{
    std::vector<std::string> args{ALERTGATE_SOURCE_DIR "/tests/fakes/patlite_tower.py", "--record",
                                  _dir.file("commands.jsonl")};
    _process = std::make_unique<FakeProcess>(args);
    if (_process->ports().size() != 2)
        throw std::runtime_error("patlite_tower.py: expected an HTTP and a PNS port");
    _httpPort = _process->ports()[0];
    _pnsPort = _process->ports()[1];
}

FakePatliteTower::~FakePatliteTower() = default;

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
