#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace AlertGate {

/// A subcommand's arguments: "--name value", "--name=value" and the subcommand's name.
struct CommandLine
{
    std::string subcommand;
    std::string configFile;
    std::vector<std::pair<std::string, std::string>> options; /// In order, "--" stripped.
    std::vector<std::string> arguments;                       /// Words after the subcommand.

    static std::optional<CommandLine> parse(const std::vector<std::string>& args);
    /// Nothing when args hold no subcommand (the daemon runs then). Throws UsageError.
};

class UsageError : public std::invalid_argument
{
public:
    using std::invalid_argument::invalid_argument;
};

} // namespace AlertGate
