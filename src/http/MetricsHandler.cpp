#include "http/MetricsHandler.h"

#include "http/HealthHandler.h"
#include "http/Responses.h"
#include "signal/Reconciler.h"
#include "signal/buzzer/BuzzerDevice.h"
#include "store/Database.h"
#include "store/HistoryQuery.h"
#include "store/StoreFiles.h"

#include <sstream>

namespace AlertGate {

MetricsHandler::MetricsHandler(ServerContext& context) : _context(context) {}

namespace {

void renderSignals(std::ostream& out, const Reconciler::Status& status)
{
    if (status.towerConfigured)
    {
        out << "# HELP alertgate_tower_up Whether the PATLITE tower took the last command.\n"
               "# TYPE alertgate_tower_up gauge\n"
               "alertgate_tower_up "
            << (status.towerUp ? 1 : 0)
            << "\n# HELP alertgate_tower_consecutive_failures Failed tower commands since the last success.\n"
               "# TYPE alertgate_tower_consecutive_failures gauge\n"
               "alertgate_tower_consecutive_failures "
            << status.failures << "\n";
    }
    out << "# HELP alertgate_heartbeat_blind Whether the heartbeat alert has lapsed (monitoring is blind).\n"
           "# TYPE alertgate_heartbeat_blind gauge\n"
           "alertgate_heartbeat_blind "
        << (status.blind ? 1 : 0) << "\n";
}

} // namespace

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
    if (_context.reconciler)
        renderSignals(text, _context.reconciler->status());
    const BuzzerDevice& buzzer = _context.buzzer;
    Metrics::renderBuzzer(text, {buzzer.configured(), buzzer.up(), buzzer.sounding()});
    sendText(response, "text/plain; version=0.0.4; charset=utf-8", text.str());
}

} // namespace AlertGate
