#include "http/HistoryHandler.h"

#include "format/HistoryFormatter.h"
#include "http/Responses.h"
#include "store/Database.h"
#include "store/HistoryQuery.h"

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/URI.h>

#include <sstream>

namespace AlertGate {

HistoryHandler::HistoryHandler(ServerContext& context) : _context(context) {}

void HistoryHandler::handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response)
{
    HistoryFilter filter;
    try
    {
        for (const auto& [name, value] : Poco::URI(request.getURI()).getQueryParameters())
            filter.set(name, value, _context.clock.nowMicros());
    }
    catch (const FilterError& e)
    {
        return sendError(response, Poco::Net::HTTPResponse::HTTP_BAD_REQUEST, e.what());
    }
    catch (const Poco::SyntaxException& e)
    {
        return sendError(response, Poco::Net::HTTPResponse::HTTP_BAD_REQUEST, "malformed query string");
    }
    Database db(_context.settings.store.path, Database::Mode::ReadOnly,
                _context.settings.store.busyTimeoutMs);
    std::ostringstream json;
    HistoryFormatter::write(json, HistoryQuery(db).events(filter), HistoryFormatter::Format::Json);
    sendJson(response, Poco::Net::HTTPResponse::HTTP_OK, json.str());
}

} // namespace AlertGate
