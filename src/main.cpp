#include "app/ServerApp.h"
#include "cli/CommandLine.h"
#include "cli/Subcommand.h"

#include <iostream>

int main(int argc, char** argv)
{
    try
    {
        auto line = AlertGate::CommandLine::parse(std::vector<std::string>(argv + 1, argv + argc));
        if (line)
            return AlertGate::runSubcommand(*line, std::cout, std::cerr);
    }
    catch (const AlertGate::UsageError& e)
    {
        std::cerr << "alertgate: " << e.what() << '\n';
        return 2;
    }
    AlertGate::ServerApp app;
    return app.run(argc, argv);
}
