#include "FakeProcess.h"

#include "TempDir.h"

#include <Poco/File.h>
#include <Poco/StringTokenizer.h>

#include <regex>
#include <stdexcept>

namespace AlertGate::Test {

namespace {

const char* const PYTHON = "/usr/bin/python3";
constexpr int START_TIMEOUT_MS = 20000;

} // namespace

FakeProcess::FakeProcess(const std::vector<std::string>& scriptAndArgs)
    : _child(std::make_unique<ChildProcess>(PYTHON, scriptAndArgs))
{
    const std::string script = scriptAndArgs.front().substr(scriptAndArgs.front().rfind('/') + 1);
    if (!waitUntilListening(script))
    {
        std::string why = _child->out() + _child->err();
        _child.reset();
        throw std::runtime_error(script + " did not start:\n" + why);
    }
}

bool FakeProcess::waitUntilListening(const std::string& script)
{
    static const std::regex listening("(^|\n)LISTENING ([0-9 ]+)\n");
    std::smatch match;
    auto listens = [](const std::string& out) { return std::regex_search(out, listening); };
    if (!_child->waitForOutput(listens, START_TIMEOUT_MS))
        return false;
    const std::string out = _child->out();
    std::regex_search(out, match, listening);
    for (const auto& port : Poco::StringTokenizer(match[2], " ", Poco::StringTokenizer::TOK_IGNORE_EMPTY))
        _ports.push_back(static_cast<std::uint16_t>(std::stoi(port)));
    if (_ports.empty())
        throw std::runtime_error(script + " printed LISTENING without a port");
    return true;
}

std::string FakeProcess::log() const
{
    return _child->err();
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
