#include "http/SignalsHandler.h"

#include "core/Rfc3339.h"
#include "core/TowerState.h"
#include "http/Responses.h"
#include "signal/Reconciler.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <sstream>

namespace AlertGate {

SignalsHandler::SignalsHandler(ServerContext& context) : _context(context) {}

void SignalsHandler::handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& response)
{
    Poco::JSON::Object body(Poco::JSON_WRAP_STRINGS);
    body.set("enabled", _context.reconciler != nullptr);
    if (_context.reconciler)
    {
        Reconciler::Status status = _context.reconciler->status();
        Poco::JSON::Object tower(Poco::JSON_WRAP_STRINGS);
        tower.set("configured", status.towerConfigured);
        tower.set("up", status.towerUp);
        tower.set("desired", status.desired);
        tower.set("applied", status.applied);
        tower.set("lastError", status.lastError);
        tower.set("failures", status.failures);
        body.set("tower", tower);
        body.set("buzzerPattern",
                 status.buzzerPattern ? Poco::Dynamic::Var(*status.buzzerPattern) : Poco::Dynamic::Var());
        body.set("blind", status.blind);
        body.set("silenced", status.silenced);
        Poco::JSON::Array lighting;
        for (const auto& fingerprint : status.lighting)
            lighting.add(fingerprint);
        body.set("lighting", lighting);
        // Which lamps each severity lights ([lamp]), so the page can say which alert lights which lamp.
        Poco::JSON::Object severityLamps(Poco::JSON_WRAP_STRINGS);
        for (const auto& [severity, spec] : _context.settings.lamp.severities)
            severityLamps.set(severity, TowerState::parse(spec).digits());
        body.set("severityLamps", severityLamps);
        body.set("heartbeatLastSeen",
                 status.lastHeartbeatMicros
                     ? Poco::Dynamic::Var(Rfc3339::formatMicros(*status.lastHeartbeatMicros))
                     : Poco::Dynamic::Var());
    }
    std::ostringstream json;
    body.stringify(json);
    sendJson(response, Poco::Net::HTTPResponse::HTTP_OK, json.str());
}

} // namespace AlertGate
