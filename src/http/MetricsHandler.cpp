#include "http/MetricsHandler.h"

#include "http/HealthHandler.h"
#include "http/Responses.h"
#include "store/Database.h"
#include "store/HistoryQuery.h"
#include "store/StoreFiles.h"

#include <sstream>

namespace AlertGate
{

MetricsHandler::MetricsHandler(ServerContext& context) : _context(context) {}

Metrics::StoreGauges MetricsHandler::storeGauges()
{
    Metrics::StoreGauges gauges;
    // The usual severities always have a series, so alerting rules on them never see "no data".
    for (const char* severity : {"critical", "warning", "alert", "info"})
        gauges.activeAlertsBySeverity[severity] = 0;
    Database db(_context.settings.store.path, Database::Mode::ReadOnly,
                _context.settings.store.busyTimeoutMs);
    HistoryQuery query(db);
    gauges.outboxByChannelAndState = query.outboxCountByChannelAndState();
    for (const auto& [severity, count] : query.activeCountBySeverity())
        gauges.activeAlertsBySeverity[severity.empty() ? "none" : severity] += count;
    gauges.storeBytes = StoreFiles::sizeBytes(_context.settings.store.path);
    gauges.storeWritable = HealthHandler::storeWritable(_context);
    return gauges;
}

void MetricsHandler::handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& response)
{
    std::ostringstream text;
    _context.metrics.render(text, storeGauges());
    sendText(response, "text/plain; version=0.0.4; charset=utf-8", text.str());
}

} // namespace AlertGate
