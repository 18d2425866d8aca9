#pragma once

#include <Poco/Net/HTTPResponse.h>

#include <chrono>
#include <optional>

namespace AlertGate {

std::optional<std::chrono::milliseconds> retryAfter(const Poco::Net::HTTPResponse& response);
/// A server's Retry-After in seconds (Slack sends it with 429), capped at an hour; nothing when absent
/// or not a number of seconds.

} // namespace AlertGate
