#include "format/HistoryFormatter.h"

#include "core/LabelSetJson.h"
#include "core/Printable.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <iomanip>

namespace AlertGate {

namespace {

Poco::JSON::Object::Ptr labelObject(const LabelSet& labels)
{
    auto object = Poco::makeShared<Poco::JSON::Object>();
    for (const auto& [name, value] : labels)
        object->set(name, value);
    return object;
}

Poco::JSON::Object::Ptr eventObject(const HistoryEvent& e)
{
    auto o = Poco::makeShared<Poco::JSON::Object>(Poco::JSON_PRESERVE_KEY_ORDER);
    o->set("id", e.id);
    o->set("at", e.at);
    o->set("status", e.status);
    o->set("reason", e.reason);
    o->set("alertname", e.alertname);
    o->set("severity", e.severity);
    o->set("fingerprint", e.fingerprint);
    o->set("labels", labelObject(e.labels));
    o->set("annotations", labelObject(e.annotations));
    o->set("startsAt", e.startsAt);
    o->set("endsAt", e.endsAt ? Poco::Dynamic::Var(*e.endsAt) : Poco::Dynamic::Var());
    o->set("generatorURL", e.generatorURL);
    o->set("notificationId", e.notificationId ? Poco::Dynamic::Var(*e.notificationId) : Poco::Dynamic::Var());
    o->set("receiver", e.receiver);
    o->set("groupKey", e.groupKey);
    o->set("truncatedAlerts", e.truncatedAlerts);
    if (e.notificationReason)
        o->set("notificationReason", *e.notificationReason);
    Poco::JSON::Array deliveries;
    for (const auto& d : e.deliveries)
    {
        auto delivery = Poco::makeShared<Poco::JSON::Object>(Poco::JSON_PRESERVE_KEY_ORDER);
        delivery->set("channel", d.channel);
        delivery->set("state", d.state);
        delivery->set("attempts", d.attempts);
        delivery->set("lastError", d.lastError);
        delivery->set("deliveredAt",
                      d.deliveredAt.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(d.deliveredAt));
        deliveries.add(delivery);
    }
    o->set("deliveries", deliveries);
    o->set("repeats", e.repeats);
    o->set("lastRepeatAt", e.lastRepeatAt ? Poco::Dynamic::Var(*e.lastRepeatAt) : Poco::Dynamic::Var());
    return o;
}

Poco::JSON::Object::Ptr activeObject(const ActiveAlert& a)
{
    auto o = Poco::makeShared<Poco::JSON::Object>(Poco::JSON_PRESERVE_KEY_ORDER);
    o->set("fingerprint", a.fingerprint);
    o->set("alertname", a.alertname);
    o->set("severity", a.severity);
    o->set("labels", labelObject(a.labels));
    o->set("annotations", labelObject(a.annotations));
    o->set("startsAt", a.startsAt);
    o->set("generatorURL", a.generatorURL);
    o->set("firstSeenAt", a.firstSeenAt);
    o->set("lastSeenAt", a.lastSeenAt);
    o->set("suppressed", a.suppressed);
    return o;
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
    Poco::JSON::Array array;
    for (const auto& e : events)
        array.add(eventObject(e));
    array.stringify(out);
    out << '\n';
}

void HistoryFormatter::writeJson(std::ostream& out, const std::vector<ActiveAlert>& alerts)
{
    Poco::JSON::Array array;
    for (const auto& a : alerts)
        array.add(activeObject(a));
    array.stringify(out);
    out << '\n';
}

} // namespace AlertGate
