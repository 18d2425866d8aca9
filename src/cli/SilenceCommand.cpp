#include "cli/SilenceCommand.h"

#include "config/ConfigError.h"
#include "config/SettingsLoader.h"
#include "core/Printable.h"
#include "http/server/ReachableAddress.h"

#include <Poco/Environment.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPBasicCredentials.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/StreamCopier.h>

#include <sstream>

namespace AlertGate {

namespace {

using Poco::Net::HTTPResponse;

struct Answer
{
    int status;
    std::string body;
};

std::string requestBody(const CommandLine& line)
{
    Poco::JSON::Object body;
    body.set("by", Poco::Environment::get("USER", "cli"));
    body.set("via", "cli");
    for (const auto& [name, value] : line.options)
    {
        if (name != "by" && name != "comment")
            throw UsageError("unknown option --" + printable(name, 40) + " (known: --by, --comment)");
        body.set(name, value);
    }
    std::ostringstream out;
    body.stringify(out);
    return out.str();
}

void authenticate(Poco::Net::HTTPRequest& request, const Settings::Webhook& webhook)
{
    if (!webhook.bearerToken.empty())
        request.set("Authorization", "Bearer " + webhook.bearerToken);
    else if (!webhook.basicUsername.empty())
        Poco::Net::HTTPBasicCredentials(webhook.basicUsername, webhook.basicPassword).authenticate(request);
}

Answer post(const Settings& settings, const Poco::Net::SocketAddress& daemon, const std::string& body)
{
    Poco::Net::HTTPClientSession session(daemon);
    session.setTimeout(Poco::Timespan(settings.http.requestTimeoutMs * 1000));
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, "/api/v1/silence",
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    request.set("X-Requested-By", "alertgate-cli"); // The API refuses a silence without it (CSRF).
    request.setContentType("application/json");
    request.setContentLength(static_cast<std::streamsize>(body.size()));
    authenticate(request, settings.webhook);
    session.sendRequest(request) << body;
    HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    std::string answer;
    Poco::StreamCopier::copyToString(in, answer);
    return Answer{response.getStatus(), answer};
}

// The daemon's answer is trusted no more than any peer: only known fields, made printable.
std::string describe(const std::string& json, const std::string& key)
{
    try
    {
        auto object = Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
        if (key == "error")
            return printable(object->optValue<std::string>("error", json), 300);
        auto silence = object->getObject("silence");
        return "silenced at " + printable(silence->getValue<std::string>("at"), 40) + " by " +
               printable(silence->getValue<std::string>("by"), 128) + " (until a new alert fires)";
    }
    catch (const Poco::Exception&)
    {
        return printable(json, 300);
    }
}

} // namespace

int SilenceCommand::run(const CommandLine& line, std::ostream& out, std::ostream& err)
{
    if (!line.arguments.empty())
    {
        err << "alertgate silence: unexpected argument " << printable(line.arguments.front(), 40) << '\n';
        return 2;
    }
    Poco::Net::SocketAddress daemon;
    try
    {
        std::string body = requestBody(line);
        Settings settings =
            line.configFile.empty() ? SettingsLoader::defaults() : SettingsLoader::load(line.configFile);
        daemon = reachableAddress(Poco::Net::SocketAddress(settings.http.host, settings.http.port));
        Answer answer = post(settings, daemon, body);
        if (answer.status != HTTPResponse::HTTP_OK)
        {
            err << "alertgate silence: the daemon at " << daemon.toString() << " answered " << answer.status
                << ": " << describe(answer.body, "error") << '\n';
            return 1;
        }
        out << describe(answer.body, "silence") << '\n';
        return 0;
    }
    catch (const UsageError& e)
    {
        err << "alertgate silence: " << e.what() << '\n';
        return 2;
    }
    catch (const ConfigError& e)
    {
        err << e.what() << '\n';
        return 1;
    }
    catch (const Poco::Exception& e)
    {
        err << "alertgate silence: no answer from alertgate at " << daemon.toString()
            << " (is it running with this configuration?): " << e.displayText() << '\n';
        return 1;
    }
}

} // namespace AlertGate
