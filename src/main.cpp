#include "app/ServerApp.h"
#include "cli/CommandLine.h"
#include "cli/Subcommand.h"
#include "cli/Usage.h"
#include "core/Platform.h"
#include "core/Version.h"

#include <iostream>

// The arguments are parsed here, once, for the daemon and every subcommand; POCO's option parser
// is given none.
int main(int argc, char** argv)
{
    AlertGate::CommandLine line;
    try
    {
        line = AlertGate::CommandLine::parse(std::vector<std::string>(argv + 1, argv + argc));
    }
    catch (const AlertGate::UsageError& e)
    {
        std::cerr << "alertgate: " << e.what() << '\n';
        return 2;
    }
    if (line.help)
        std::cout << AlertGate::usageText();
    else if (line.version)
        std::cout << "alertgate " << AlertGate::kVersion << '\n'
                  << "built with POCO " << AlertGate::kPocoVersion << ", GPIO " << AlertGate::kGpioBackend
                  << '\n';
    else if (!line.subcommand.empty())
        return AlertGate::runSubcommand(line, std::cout, std::cerr);
    else
    {
        AlertGate::ServerApp app(line.configFile);
        return app.run(1, argv);
    }
    return 0;
}
