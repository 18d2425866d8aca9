#include "http/HealthHandler.h"

#include "http/Responses.h"
#include "signal/Reconciler.h"
#include "signal/buzzer/BuzzerDevice.h"
#include "store/NotificationWriter.h"
#include "store/StoreFiles.h"

#include <Poco/JSON/Object.h>

#include <sstream>

namespace AlertGate {

namespace {

Poco::JSON::Object buzzerState(const BuzzerDevice& buzzer)
{
    Poco::JSON::Object state;
    state.set("state", !buzzer.configured() ? "none" : buzzer.up() ? "up" : "failed");
    if (!buzzer.error().empty())
        state.set("error", buzzer.error());
    return state;
}

Poco::JSON::Object towerState(const Reconciler::Status& status)
{
    Poco::JSON::Object state;
    state.set("state", status.towerUp ? "up" : "down");
    if (!status.towerUp && !status.lastError.empty())
        state.set("error", status.lastError);
    return state;
}

} // namespace

HealthHandler::HealthHandler(ServerContext& context, bool readiness)
    : _context(context), _readiness(readiness)
{
}

bool HealthHandler::storeWritable(const ServerContext& context)
{
    return context.writer.healthy() && StoreFiles::fileSystemWritable(context.settings.store.path);
}

void HealthHandler::handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& response)
{
    if (_readiness && !storeWritable(_context))
    {
        response.set("Retry-After", "5");
        return sendError(response, Poco::Net::HTTPResponse::HTTP_SERVICE_UNAVAILABLE,
                         "the history store is not writable");
    }
    if (!_readiness)
        return sendText(response, "text/plain; charset=utf-8", "alertgate is healthy\n");
    // Ready stays about the store (without it alerts are lost); the signal devices are reported
    // beside it, since a missing buzzer or tower must not make systemd or a balancer give up on us.
    Poco::JSON::Object ready;
    ready.set("status", "ready");
    ready.set("buzzer", buzzerState(_context.buzzer));
    if (_context.reconciler && _context.reconciler->status().towerConfigured)
        ready.set("tower", towerState(_context.reconciler->status()));
    std::ostringstream json;
    ready.stringify(json);
    json << '\n';
    sendJson(response, Poco::Net::HTTPResponse::HTTP_OK, json.str());
}

} // namespace AlertGate
