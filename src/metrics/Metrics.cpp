#include "metrics/Metrics.h"

#include "app/Version.h"

#include <cstdio>

namespace AlertGate
{

namespace
{

const char* receivedName(Metrics::Received result)
{
    switch (result)
    {
    case Metrics::Received::Accepted:
        return "accepted";
    case Metrics::Received::Rejected:
        return "rejected";
    default:
        return "unavailable";
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
                                  "not_found",           "payload_too_large", "unsupported_media_type"};
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

void Metrics::observeCommit(double seconds, std::size_t notifications)
{
    std::lock_guard<std::mutex> lock(_mutex);
    for (std::size_t i = 0; i < kBuckets.size(); ++i)
        if (seconds <= kBuckets[i])
            ++_commitBuckets[i];
    ++_commitCount;
    _commitSum += seconds;
    _committedNotifications += notifications;
}

void Metrics::render(std::ostream& out, const StoreGauges& gauges) const
{
    header(out, "alertgate_build_info", "gauge", "Version of this alertgate; always 1.");
    out << "alertgate_build_info{version=\"" << kVersion << "\"} 1\n";
    renderCounters(out);
    renderCommitHistogram(out);
    header(out, "alertgate_active_alerts", "gauge", "Alerts firing now, by severity label.");
    for (const auto& [severity, count] : gauges.activeAlertsBySeverity)
        out << "alertgate_active_alerts{severity=\"" << labelValue(severity) << "\"} " << count << '\n';
    header(out, "alertgate_store_size_bytes", "gauge", "Size of the history database with its WAL.");
    out << "alertgate_store_size_bytes " << gauges.storeBytes << '\n';
    header(out, "alertgate_store_writable", "gauge", "1 when the last write to the store succeeded.");
    out << "alertgate_store_writable " << (gauges.storeWritable ? 1 : 0) << '\n';
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
    header(out, "alertgate_store_committed_notifications_total", "counter",
           "Notifications that went through a store commit (successful or not).");
    out << "alertgate_store_committed_notifications_total " << _committedNotifications << '\n';
}

void Metrics::renderCommitHistogram(std::ostream& out) const
{
    std::lock_guard<std::mutex> lock(_mutex);
    header(out, "alertgate_store_commit_duration_seconds", "histogram",
           "Time of one group commit (one transaction and its fsync).");
    for (std::size_t i = 0; i < kBuckets.size(); ++i)
        out << "alertgate_store_commit_duration_seconds_bucket{le=\"" << number(kBuckets[i]) << "\"} "
            << _commitBuckets[i] << '\n';
    out << "alertgate_store_commit_duration_seconds_bucket{le=\"+Inf\"} " << _commitCount << '\n';
    out << "alertgate_store_commit_duration_seconds_sum " << number(_commitSum) << '\n';
    out << "alertgate_store_commit_duration_seconds_count " << _commitCount << '\n';
}

} // namespace AlertGate
