#include "app/Logging.h"

#include <Poco/AutoPtr.h>
#include <Poco/ConsoleChannel.h>
#include <Poco/Environment.h>
#include <Poco/FormattingChannel.h>
#include <Poco/Logger.h>
#include <Poco/PatternFormatter.h>

namespace AlertGate {

void configureLogging(const std::string& level)
{
    bool underJournal = Poco::Environment::has("JOURNAL_STREAM");
    auto formatter = Poco::makeAuto<Poco::PatternFormatter>(underJournal ? "%p %s: %t"
                                                                         : "%Y-%m-%dT%H:%M:%S.%iZ %p %s: %t");
    auto channel = Poco::makeAuto<Poco::FormattingChannel>(formatter, Poco::makeAuto<Poco::ConsoleChannel>());
    Poco::Logger::root().setChannel(channel);
    Poco::Logger::root().setLevel(level);
    // Loggers created before this call keep their old channel; give them the new one too.
    Poco::Logger::setChannel("", channel);
    Poco::Logger::setLevel("", Poco::Logger::parseLevel(level));
}

} // namespace AlertGate
