#include "http/ChannelsHandler.h"

#include "http/Responses.h"
#include "store/ChannelHealthQuery.h"
#include "store/Database.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <sstream>

namespace AlertGate {

ChannelsHandler::ChannelsHandler(ServerContext& context) : _context(context) {}

void ChannelsHandler::handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& response)
{
    Database db(_context.settings.store.path, Database::Mode::ReadOnly,
                _context.settings.store.busyTimeoutMs);
    ChannelHealthQuery query(db);
    Poco::JSON::Array channels;
    for (const auto& [name, enabled] :
         {std::pair<std::string, bool>{"slack", _context.settings.slack.enabled()},
          std::pair<std::string, bool>{"email", _context.settings.email.enabled()}})
    {
        if (!enabled)
            continue;
        ChannelHealth health = query.of(name);
        Poco::JSON::Object channel(Poco::JSON_WRAP_STRINGS);
        channel.set("channel", health.channel);
        channel.set("pending", health.pending);
        channel.set("delivered", health.delivered);
        channel.set("dead", health.dead);
        channel.set("lastError", health.lastError);
        channels.add(channel);
    }
    std::ostringstream json;
    channels.stringify(json);
    sendJson(response, Poco::Net::HTTPResponse::HTTP_OK, json.str());
}

} // namespace AlertGate
