#pragma once

#include "notify/Channel.h"
#include "notify/Connector.h"

#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/URI.h>

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace AlertGate {

/// Slack's HTTPS endpoints (Incoming Webhooks, the Web API): one POST of a JSON body per connection, the
/// server's certificate checked against the URL's host name. abort() ends a POST under way at any step
/// and refuses later ones (Connector), so that stopping the daemon never waits for slack.timeout.
class SlackHttps
{
public:
    using Headers = std::vector<std::pair<std::string, std::string>>;

    SlackHttps(Poco::Net::Context::Ptr tls, std::chrono::milliseconds timeout);

    std::string post(const Poco::URI& url, const std::string& json, const Headers& headers,
                     std::streamsize maxAnswer, Poco::Net::HTTPResponse& response);
    /// The first maxAnswer bytes of the answer's body, its status and headers in response.
    /// Throws Poco::Exception when Slack cannot be reached.

    DeliveryResult unreachable(const Poco::Exception& e) const;
    /// The retry for a post() that threw: ended by abort() (the daemon is stopping), or Slack not reached.

    void abort() { _connector.abort(); }
    bool aborted() const { return _connector.aborted(); }

private:
    Poco::Net::Context::Ptr _tls;
    std::chrono::milliseconds _timeout;
    Connector _connector;
};

} // namespace AlertGate
