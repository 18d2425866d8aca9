#pragma once

#include "core/ValueError.h"
#include "http/Handler.h"
#include "http/ServerContext.h"

#include <optional>
#include <string>

namespace AlertGate {

/// POST /api/v1/silence, body optional: {"by": "alice", "comment": "on it", "via": "cli"}. Silences the
/// buzzer (and the tower's buzzer) until a new alert fires, records it in the history and answers
/// {"status":"silenced","silence":{id, at, by, via, comment}}. A malformed body is a 400 naming the field.
class SilenceHandler : public Handler
{
public:
    explicit SilenceHandler(ServerContext& context);

    struct Request
    {
        std::string by = "api";
        std::string via = "api";
        std::string comment;
    };

    static Request parse(const std::string& body);
    /// Empty body: the defaults. Throws ValueError with a message for the client.

protected:
    void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override;

private:
    ServerContext& _context;
};

} // namespace AlertGate
