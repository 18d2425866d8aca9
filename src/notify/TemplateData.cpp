#include "notify/TemplateData.h"

#include "core/Rfc3339.h"

#include <ctime>

namespace AlertGate {

namespace {

using kainjow::mustache::data;

data object(const LabelSet& labels)
{
    data result(data::type::object);
    for (const auto& [name, value] : labels)
        result.set(name, value);
    return result;
}

std::string value(const LabelSet& set, const std::string& name)
{
    auto found = set.find(name);
    return found == set.end() ? std::string() : found->second;
}

std::string upper(std::string text)
{
    for (char& c : text)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return text;
}

std::int64_t elapsedMicros(const Alert& alert, std::int64_t nowMicros)
{
    auto start = Rfc3339::parseMicros(alert.startsAt);
    auto end =
        alert.endsAt.empty() ? std::optional<std::int64_t>(nowMicros) : Rfc3339::parseMicros(alert.endsAt);
    return start && end && *end > *start ? *end - *start : 0;
}

std::string title(const Notification& notification, const std::vector<Alert>& alerts)
{
    std::string name = value(notification.groupLabels, "alertname");
    if (name.empty() && !alerts.empty())
        name = alerts.front().label("alertname");
    std::string instance = value(notification.commonLabels, "instance");
    return instance.empty() ? name : name + " on " + instance;
}

} // namespace

std::string TemplateData::colour(const Alert& alert)
{
    if (!alert.firing())
        return "#2eb886";
    std::string severity = alert.label("severity");
    if (severity == "critical")
        return "#d00000";
    if (severity == "warning")
        return "#f2a900";
    if (severity == "alert")
        return "#1e88e5";
    return "#9e9e9e";
}

std::string TemplateData::localTime(const std::string& rfc3339)
{
    auto micros = Rfc3339::parseMicros(rfc3339);
    if (!micros)
        return rfc3339;
    std::time_t seconds = static_cast<std::time_t>(*micros / 1000000);
    std::tm local{};
    localtime_r(&seconds, &local);
    char buffer[64];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M:%S %Z", &local);
    return buffer;
}

std::string TemplateData::duration(std::int64_t micros)
{
    std::int64_t seconds = micros / 1000000;
    std::string text;
    if (seconds >= 86400)
        text += std::to_string(seconds / 86400) + "d ";
    if (seconds >= 3600)
        text += std::to_string(seconds / 3600 % 24) + "h ";
    if (seconds >= 60)
        text += std::to_string(seconds / 60 % 60) + "m ";
    return text + std::to_string(seconds % 60) + "s";
}

data TemplateData::alert(const Notification& notification, const Alert& a, std::int64_t nowMicros)
{
    data d(data::type::object);
    d.set("status", a.status);
    d.set("statusUpper", upper(a.status));
    d.set("firing", a.firing());
    d.set("resolved", !a.firing());
    d.set("labels", object(a.labels));
    d.set("annotations", object(a.annotations));
    for (const char* label : {"alertname", "instance", "severity"})
        d.set(label, a.label(label));
    for (const char* annotation : {"summary", "description"})
        d.set(annotation, value(a.annotations, annotation));
    d.set("colour", colour(a));
    d.set("startsAt", a.startsAt);
    d.set("startsAtLocal", localTime(a.startsAt));
    d.set("endsAt", a.endsAt);
    d.set("endsAtLocal", a.endsAt.empty() ? std::string() : localTime(a.endsAt));
    d.set("duration", duration(elapsedMicros(a, nowMicros)));
    d.set("generatorURL", a.generatorURL);
    d.set("link", a.generatorURL.empty() ? notification.externalURL : a.generatorURL);
    d.set("fingerprint", a.fingerprint);
    return d;
}

data TemplateData::message(const Notification& n, const std::vector<Alert>& alerts, std::int64_t nowMicros)
{
    int firing = 0;
    data list(data::type::list);
    for (const auto& a : alerts)
    {
        firing += a.firing() ? 1 : 0;
        list.push_back(alert(n, a, nowMicros));
    }
    std::string status = firing > 0 ? "firing" : "resolved";
    data d(data::type::object);
    d.set("status", status);
    d.set("statusUpper", upper(status));
    d.set("firing", firing > 0);
    d.set("title", title(n, alerts));
    d.set("receiver", n.receiver);
    d.set("groupKey", n.groupKey);
    d.set("externalURL", n.externalURL);
    d.set("truncated", n.truncatedAlerts > 0);
    d.set("truncatedAlerts", std::to_string(n.truncatedAlerts));
    d.set("firingCount", std::to_string(firing));
    d.set("resolvedCount", std::to_string(alerts.size() - static_cast<std::size_t>(firing)));
    d.set("groupLabels", object(n.groupLabels));
    d.set("commonLabels", object(n.commonLabels));
    d.set("commonAnnotations", object(n.commonAnnotations));
    d.set("alerts", list);
    return d;
}

} // namespace AlertGate
