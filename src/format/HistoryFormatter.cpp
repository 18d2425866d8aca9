#include "format/HistoryFormatter.h"

#include "core/JsonWriter.h"
#include "core/LabelSetJson.h"
#include "core/Printable.h"

#include <iomanip>

namespace AlertGate {

namespace {

void writeEvent(JsonWriter& json, const HistoryEvent& e)
{
    json.beginObject();
    json.key("id").value(e.id);
    json.key("at").value(e.at);
    json.key("status").value(e.status);
    json.key("reason").value(e.reason);
    json.key("alertname").value(e.alertname);
    json.key("severity").value(e.severity);
    json.key("fingerprint").value(e.fingerprint);
    json.key("labels").stringMap(e.labels);
    json.key("annotations").stringMap(e.annotations);
    json.key("startsAt").value(e.startsAt);
    json.key("endsAt").value(e.endsAt);
    json.key("generatorURL").value(e.generatorURL);
    json.key("notificationId");
    e.notificationId ? json.value(*e.notificationId) : json.null();
    json.key("receiver").value(e.receiver);
    json.key("groupKey").value(e.groupKey);
    json.key("truncatedAlerts").value(e.truncatedAlerts);
    if (e.notificationReason)
        json.key("notificationReason").value(*e.notificationReason);
    json.key("deliveries").beginArray();
    for (const auto& d : e.deliveries)
    {
        json.beginObject();
        json.key("channel").value(d.channel);
        json.key("state").value(d.state);
        json.key("attempts").value(d.attempts);
        json.key("lastError").value(d.lastError);
        json.key("deliveredAt").value(d.deliveredAt.empty() ? std::nullopt : std::optional(d.deliveredAt));
        json.endObject();
    }
    json.endArray();
    json.key("repeats").value(e.repeats);
    json.key("lastRepeatAt").value(e.lastRepeatAt);
    json.endObject();
}

void writeActive(JsonWriter& json, const ActiveAlert& a)
{
    json.beginObject();
    json.key("fingerprint").value(a.fingerprint);
    json.key("alertname").value(a.alertname);
    json.key("severity").value(a.severity);
    json.key("labels").stringMap(a.labels);
    json.key("annotations").stringMap(a.annotations);
    json.key("startsAt").value(a.startsAt);
    json.key("generatorURL").value(a.generatorURL);
    json.key("firstSeenAt").value(a.firstSeenAt);
    json.key("lastSeenAt").value(a.lastSeenAt);
    json.key("suppressed").value(a.suppressed);
    json.endObject();
}

std::string csvField(const std::string& value)
{
    if (value.find_first_of(",\"\r\n") == std::string::npos)
        return value;
    std::string quoted = "\"";
    for (char c : value)
        quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

std::string deliverySummary(const HistoryEvent& e)
{
    std::string text;
    for (const auto& d : e.deliveries)
        text += (text.empty() ? "" : " ") + d.channel + ":" + d.state;
    return text;
}

void writeCsv(std::ostream& out, const std::vector<HistoryEvent>& events)
{
    out << "id,at,status,reason,alertname,severity,fingerprint,starts_at,ends_at,receiver,truncated_alerts,"
           "labels,annotations,deliveries\r\n";
    for (const auto& e : events)
        out << e.id << ',' << e.at << ',' << e.status << ',' << e.reason << ',' << csvField(e.alertname)
            << ',' << csvField(e.severity) << ',' << e.fingerprint << ',' << csvField(e.startsAt) << ','
            << csvField(e.endsAt.value_or("")) << ',' << csvField(e.receiver) << ',' << e.truncatedAlerts
            << ',' << csvField(toJson(e.labels)) << ',' << csvField(toJson(e.annotations)) << ','
            << csvField(deliverySummary(e)) << "\r\n";
}

std::string otherLabels(const HistoryEvent& e)
{
    std::string text;
    for (const auto& [name, value] : e.labels)
        if (name != "alertname" && name != "severity")
            text += (text.empty() ? "" : " ") + name + "=" + value;
    return text;
}

// Why an alert changed, when Alertmanager did not say so itself (absent, stale).
std::string statusWithReason(const HistoryEvent& e)
{
    if (e.reason == "notified" || e.reason == e.status)
        return e.status;
    return e.status + " (" + e.reason + ")";
}

void writeTable(std::ostream& out, const std::vector<HistoryEvent>& events)
{
    out << std::left << std::setw(25) << "AT" << std::setw(19) << "STATUS" << std::setw(10) << "SEVERITY"
        << std::setw(24) << "ALERTNAME"
        << "LABELS\n";
    for (const auto& e : events)
    {
        out << std::setw(25) << e.at << std::setw(19) << statusWithReason(e) << std::setw(10)
            << printable(e.severity, 9) << std::setw(24) << printable(e.alertname, 23)
            << printable(otherLabels(e), 200);
        if (!e.deliveries.empty())
            out << "  [" << deliverySummary(e) << "]";
        // Repeats are counted on the notification they repeat, not listed one by one.
        if (e.repeats > 0)
            out << "  (repeated " << e.repeats << "x, last " << e.lastRepeatAt.value_or("") << ")";
        out << '\n';
    }
    out << events.size() << (events.size() == 1 ? " event\n" : " events\n");
}

} // namespace

bool HistoryFormatter::parseFormat(const std::string& name, Format& format)
{
    if (name == "table")
        format = Format::Table;
    else if (name == "json")
        format = Format::Json;
    else if (name == "csv")
        format = Format::Csv;
    else
        return false;
    return true;
}

void HistoryFormatter::write(std::ostream& out, const std::vector<HistoryEvent>& events, Format format)
{
    if (format == Format::Csv)
        return writeCsv(out, events);
    if (format == Format::Table)
        return writeTable(out, events);
    JsonWriter json(out);
    json.beginArray();
    for (const auto& e : events)
        writeEvent(json, e);
    json.endArray();
    out << '\n';
}

void HistoryFormatter::writeJson(std::ostream& out, const std::vector<ActiveAlert>& alerts)
{
    JsonWriter json(out);
    json.beginArray();
    for (const auto& a : alerts)
        writeActive(json, a);
    json.endArray();
    out << '\n';
}

} // namespace AlertGate
