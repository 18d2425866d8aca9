#include "FakeSlackServer.h"

#include "TestCertificates.h"

#include <Poco/File.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <chrono>
#include <stdexcept>
#include <unistd.h>

namespace AlertGate::Test {

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
    _process = std::make_unique<FakeProcess>(args);
    _port = _process->ports().front();
}

FakeSlackServer::~FakeSlackServer() = default;

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
    return _process->log();
}

} // namespace AlertGate::Test
