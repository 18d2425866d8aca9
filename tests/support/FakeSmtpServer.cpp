#include "FakeSmtpServer.h"

#include <Poco/DirectoryIterator.h>
#include <Poco/File.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <unistd.h>

namespace AlertGate::Test {

namespace {

// Debian's interpreter, which has python3-aiosmtpd; a python3 earlier on PATH (pyenv, venv) may not.

const char* modeName(FakeSmtpServer::Mode mode)
{
    switch (mode)
    {
    case FakeSmtpServer::Mode::StartTls: return "starttls";
    case FakeSmtpServer::Mode::ImplicitTls: return "implicit";
    case FakeSmtpServer::Mode::Plain: return "plain";
    }
    return "starttls";
}

std::vector<std::string> arguments(const FakeSmtpServer::Options& options, const std::string& maildir)
{
    std::vector<std::string> args{ALERTGATE_SOURCE_DIR "/tests/fakes/smtp_server.py",
                                  "--mode",
                                  modeName(options.mode),
                                  "--maildir",
                                  maildir,
                                  "--port",
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

FakeSmtpServer::Options FakeSmtpServer::tlsOptions(const TestCertificates& certificates, Mode mode,
                                                   const std::string& user, const std::string& password)
{
    Options options;
    options.mode = mode;
    options.certFile = certificates.certFile();
    options.keyFile = certificates.keyFile();
    options.user = user;
    options.password = password;
    return options;
}

FakeSmtpServer::FakeSmtpServer(const Options& options) : _maildir(_dir.file("maildir"))
{
    Poco::File(_maildir).createDirectories();
    _process = std::make_unique<FakeProcess>(arguments(options, _maildir));
    _port = _process->ports().front();
}

FakeSmtpServer::~FakeSmtpServer() = default;

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
    return _process->log();
}

} // namespace AlertGate::Test
