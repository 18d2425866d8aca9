#include "cli/CommandLine.h"

#include "core/Printable.h"

namespace AlertGate {

namespace {

const std::vector<std::string>& subcommands()
{
    static const std::vector<std::string> names = {"check-config", "check-store", "history", "silence",
                                                   "test-notify"};
    return names;
}

bool isSubcommand(const std::string& word)
{
    for (const auto& name : subcommands())
        if (word == name)
            return true;
    return false;
}

UsageError unknownOption(const std::string& name)
{
    return UsageError("unknown option --" + printable(name, 40) + " (see alertgate --help)");
}

// Splits "--name=value" or takes the value from the next argument. With no command before it and
// none after it (it is the last word), the option is the daemon's, which takes only --config.
std::pair<std::string, std::string> option(const std::vector<std::string>& args, std::size_t& i,
                                           bool noCommandYet)
{
    std::string word = args[i].substr(args[i].rfind("--", 0) == 0 ? 2 : 1);
    auto equals = word.find('=');
    if (equals != std::string::npos)
        return {word.substr(0, equals), word.substr(equals + 1)};
    if (word == "c")
        word = "config";
    if (i + 1 >= args.size())
    {
        if (noCommandYet && word != "config")
            throw unknownOption(word);
        throw UsageError("option --" + printable(word, 40) + " needs a value");
    }
    return {word, args[++i]};
}

} // namespace

CommandLine CommandLine::parse(const std::vector<std::string>& args)
{
    CommandLine line;
    for (std::size_t i = 0; i < args.size(); ++i)
    {
        const std::string& word = args[i];
        if (word.empty() || word[0] != '-')
        {
            if (!line.subcommand.empty())
                line.arguments.push_back(word);
            else if (!isSubcommand(word))
                throw UsageError("unknown command \"" + printable(word, 40) + "\" (see alertgate --help)");
            else
                line.subcommand = word;
            continue;
        }
        if (word == "-h" || word == "--help" || word == "-V" || word == "--version")
        {
            if (!line.subcommand.empty())
                throw UsageError(word + " goes before the command: alertgate " + word);
            line.help = word == "-h" || word == "--help";
            line.version = !line.help;
            return line;
        }
        auto [name, value] = option(args, i, line.subcommand.empty());
        if (name == "config")
            line.configFile = value;
        else
            line.options.emplace_back(name, value);
    }
    if (line.subcommand.empty() && !line.options.empty())
        throw unknownOption(line.options.front().first);
    return line;
}

} // namespace AlertGate
