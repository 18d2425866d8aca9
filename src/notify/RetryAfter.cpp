#include "notify/RetryAfter.h"

#include <Poco/NumberParser.h>
#include <Poco/String.h>

#include <algorithm>

namespace AlertGate {

std::optional<std::chrono::milliseconds> retryAfter(const Poco::Net::HTTPResponse& response)
{
    int seconds;
    if (!Poco::NumberParser::tryParse(Poco::trim(response.get("Retry-After", "")), seconds) || seconds < 0)
        return std::nullopt;
    return std::chrono::seconds(std::min(seconds, 3600));
}

} // namespace AlertGate
