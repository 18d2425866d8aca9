#pragma once

#include "core/Error.h"

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace AlertGate {

/// alertgate's arguments, parsed once for the daemon and every subcommand: "--name value",
/// "--name=value" and the subcommand's name.
struct CommandLine
{
    std::string subcommand; /// Empty: the daemon.
    std::string configFile;
    std::vector<std::pair<std::string, std::string>> options; /// A subcommand's, in order, "--" stripped.
    std::vector<std::string> arguments;                       /// Words after the subcommand.
    bool help = false;                                        /// --help (-h) before any subcommand.
    bool version = false;                                     /// --version (-V) before any subcommand.

    static CommandLine parse(const std::vector<std::string>& args);
    /// Throws UsageError for an unknown command, an option without its value, and an option the
    /// daemon does not take.
};

/// A command line that cannot be run: what() says why (main exits 2).
class UsageError : public Error
{
public:
    using Error::Error;
};

} // namespace AlertGate
