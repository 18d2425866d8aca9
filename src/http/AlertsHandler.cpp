#include "http/AlertsHandler.h"

#include "format/HistoryFormatter.h"
#include "http/Responses.h"
#include "store/Database.h"
#include "store/HistoryQuery.h"

#include <sstream>

namespace AlertGate {

AlertsHandler::AlertsHandler(ServerContext& context) : _context(context) {}

void AlertsHandler::handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& response)
{
    Database db(_context.settings.store.path, Database::Mode::ReadOnly,
                _context.settings.store.busyTimeoutMs);
    std::ostringstream json;
    HistoryFormatter::writeJson(json, HistoryQuery(db).active());
    sendJson(response, Poco::Net::HTTPResponse::HTTP_OK, json.str());
}

} // namespace AlertGate
