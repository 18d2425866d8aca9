#include "metrics/Metrics.h"

#include "core/Version.h"

#include <cstdio>

namespace AlertGate {

namespace {

const char* receivedName(Metrics::Received result)
{
    switch (result)
    {
    case Metrics::Received::Accepted: return "accepted";
    case Metrics::Received::Rejected: return "rejected";
    default: return "unavailable";
    }
}

// Severity values come from alert labels: escape them as the exposition format requires.
std::string labelValue(const std::string& value)
{
    std::string out;
    for (char c : value)
    {
        if (c == '\\' || c == '"')
            out += '\\';
        if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

std::string number(double value)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.9g", value);
    return buffer;
}

void header(std::ostream& out, const char* name, const char* type, const char* help)
{
    out << "# HELP " << name << ' ' << help << "\n# TYPE " << name << ' ' << type << '\n';
}

} // namespace

const char* Metrics::name(Rejection reason)
{
    static const char* names[] = {"unauthorized",        "invalid_encoding",  "invalid_json",
                                  "unsupported_version", "invalid_field",     "method_not_allowed",
                                  "not_found",           "payload_too_large", "unsupported_media_type",
                                  "cross_site"};
    return names[static_cast<std::size_t>(reason)];
}

void Metrics::countReceived(Received result)
{
    std::lock_guard<std::mutex> lock(_mutex);
    ++_received[static_cast<std::size_t>(result)];
}

void Metrics::countRejection(Rejection reason)
{
    std::lock_guard<std::mutex> lock(_mutex);
    ++_rejections[static_cast<std::size_t>(reason)];
}

void Metrics::Histogram::observe(double value)
{
    for (std::size_t i = 0; i < bounds.size(); ++i)
        if (value <= bounds[i])
            ++buckets[i];
    ++count;
    sum += value;
}

void Metrics::Histogram::render(std::ostream& out, const std::string& name, const std::string& labels) const
{
    std::string prefix = labels.empty() ? "" : labels + ",";
    for (std::size_t i = 0; i < bounds.size(); ++i)
        out << name << "_bucket{" << prefix << "le=\"" << number(bounds[i]) << "\"} " << buckets[i] << '\n';
    out << name << "_bucket{" << prefix << "le=\"+Inf\"} " << count << '\n';
    std::string braces = labels.empty() ? "" : "{" + labels + "}";
    out << name << "_sum" << braces << ' ' << number(sum) << '\n';
    out << name << "_count" << braces << ' ' << count << '\n';
}

void Metrics::countPruned(const std::string& table, std::int64_t rows)
{
    std::lock_guard<std::mutex> lock(_mutex);
    _pruned[table] += rows;
}

void Metrics::observeCommit(double seconds, std::size_t notifications)
{
    std::lock_guard<std::mutex> lock(_mutex);
    _commit.observe(seconds);
    _committedNotifications += notifications;
}

void Metrics::countDelivery(const std::string& channel, const std::string& outcome)
{
    std::lock_guard<std::mutex> lock(_mutex);
    ++_deliveries[{channel, outcome}];
}

void Metrics::observeDeliveryLatency(const std::string& channel, double seconds)
{
    std::lock_guard<std::mutex> lock(_mutex);
    auto found = _deliveryLatency.find(channel);
    if (found == _deliveryLatency.end())
        found = _deliveryLatency
                    .emplace(channel, Histogram({0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 60, 300, 3600}))
                    .first;
    found->second.observe(seconds);
}

void Metrics::render(std::ostream& out, const StoreGauges& gauges) const
{
    header(out, "alertgate_build_info", "gauge", "Version of this alertgate; always 1.");
    out << "alertgate_build_info{version=\"" << kVersion << "\"} 1\n";
    renderCounters(out);
    renderHistograms(out);
    renderOutbox(out, gauges);
    header(out, "alertgate_active_alerts", "gauge", "Alerts firing now, by severity label.");
    for (const auto& [severity, count] : gauges.activeAlertsBySeverity)
        out << "alertgate_active_alerts{severity=\"" << labelValue(severity) << "\"} " << count << '\n';
    header(out, "alertgate_store_size_bytes", "gauge", "Size of the history database with its WAL.");
    out << "alertgate_store_size_bytes " << gauges.storeBytes << '\n';
    header(out, "alertgate_store_writable", "gauge", "1 when the last write to the store succeeded.");
    out << "alertgate_store_writable " << (gauges.storeWritable ? 1 : 0) << '\n';
}

void Metrics::renderBuzzer(std::ostream& out, const BuzzerGauges& gauges)
{
    if (gauges.configured)
    {
        header(out, "alertgate_buzzer_up", "gauge",
               "1 when the configured GPIO buzzer opened and its line can be set.");
        out << "alertgate_buzzer_up " << (gauges.up ? 1 : 0) << '\n';
    }
    header(out, "alertgate_buzzer_sounding", "gauge",
           "1 while the buzzer plays a pattern (also between beeps, and even when its line is down); "
           "0 when quiet, silenced or past max_sounding.");
    out << "alertgate_buzzer_sounding " << (gauges.sounding ? 1 : 0) << '\n';
}

void Metrics::observeReconciliation(bool reached, std::size_t resolved)
{
    std::lock_guard<std::mutex> lock(_mutex);
    _reconciliation.configured = true;
    _reconciliation.up = reached;
    if (!reached)
        ++_reconciliation.failures;
    _reconciliation.resolved += resolved;
}

// Only once reconciliation has run: without an [alertmanager] url there is nothing to report.
void Metrics::renderReconciliation(std::ostream& out) const
{
    if (!_reconciliation.configured)
        return;
    header(out, "alertgate_alertmanager_up", "gauge",
           "Whether Alertmanager answered the last reconciliation round (GET /api/v2/alerts).");
    out << "alertgate_alertmanager_up " << (_reconciliation.up ? 1 : 0) << '\n';
    header(out, "alertgate_alertmanager_failures_total", "counter",
           "Reconciliation rounds that could not reach Alertmanager or not write, and changed nothing.");
    out << "alertgate_alertmanager_failures_total " << _reconciliation.failures << '\n';
    header(out, "alertgate_alertmanager_reconciled_total", "counter",
           "Alerts resolved because Alertmanager no longer held them (reason reconciled).");
    out << "alertgate_alertmanager_reconciled_total " << _reconciliation.resolved << '\n';
}

void Metrics::renderCounters(std::ostream& out) const
{
    std::lock_guard<std::mutex> lock(_mutex);
    header(out, "alertgate_notifications_received_total", "counter",
           "Webhook notifications received, by result (accepted, rejected, unavailable).");
    for (std::size_t i = 0; i < _received.size(); ++i)
        out << "alertgate_notifications_received_total{result=\"" << receivedName(static_cast<Received>(i))
            << "\"} " << _received[i] << '\n';
    header(out, "alertgate_webhook_rejections_total", "counter", "Requests answered 4xx, by reason.");
    for (std::size_t i = 0; i < _rejections.size(); ++i)
        out << "alertgate_webhook_rejections_total{reason=\"" << name(static_cast<Rejection>(i)) << "\"} "
            << _rejections[i] << '\n';
    header(out, "alertgate_deliveries_total", "counter", "Delivery attempts, by channel and outcome.");
    for (const auto& [key, count] : _deliveries)
        out << "alertgate_deliveries_total{channel=\"" << labelValue(key.first) << "\",outcome=\""
            << key.second << "\"} " << count << '\n';
    header(out, "alertgate_store_committed_notifications_total", "counter",
           "Notifications that went through a store commit (successful or not).");
    out << "alertgate_store_committed_notifications_total " << _committedNotifications << '\n';
    header(out, "alertgate_store_pruned_rows_total", "counter",
           "Rows deleted by retention (store.retention), by table.");
    for (const char* table : {"alert_events", "notifications", "outbox", "alerts", "silences"})
    {
        auto found = _pruned.find(table);
        out << "alertgate_store_pruned_rows_total{table=\"" << table << "\"} "
            << (found == _pruned.end() ? 0 : found->second) << '\n';
    }
    renderReconciliation(out);
}

void Metrics::renderHistograms(std::ostream& out) const
{
    std::lock_guard<std::mutex> lock(_mutex);
    header(out, "alertgate_store_commit_duration_seconds", "histogram",
           "Time of one group commit (one transaction and its fsync).");
    _commit.render(out, "alertgate_store_commit_duration_seconds", "");
    header(out, "alertgate_delivery_latency_seconds", "histogram",
           "Time from a notification's arrival to its delivery, by channel.");
    for (const auto& [channel, histogram] : _deliveryLatency)
        histogram.render(out, "alertgate_delivery_latency_seconds",
                         "channel=\"" + labelValue(channel) + "\"");
}

void Metrics::renderOutbox(std::ostream& out, const StoreGauges& gauges)
{
    header(out, "alertgate_outbox_messages", "gauge", "Messages in the outbox, by channel and state.");
    for (const auto& [key, count] : gauges.outboxByChannelAndState)
        out << "alertgate_outbox_messages{channel=\"" << labelValue(key.first) << "\",state=\"" << key.second
            << "\"} " << count << '\n';
}

} // namespace AlertGate
