#include "http/HealthHandler.h"

#include "http/Responses.h"
#include "signal/Reconciler.h"
#include "store/NotificationWriter.h"
#include "store/StoreFiles.h"

namespace AlertGate
{

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
    std::string text = _readiness ? "alertgate is ready\n" : "alertgate is healthy\n";
    // The tower's health is shown, not required: ingestion and messages work without it.
    if (_readiness && _context.reconciler && _context.reconciler->status().towerConfigured)
    {
        auto status = _context.reconciler->status();
        text += status.towerUp ? "tower: up\n" : "tower: down: " + status.lastError + "\n";
    }
    sendText(response, "text/plain; charset=utf-8", text);
}

} // namespace AlertGate
