#include "Payloads.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <sstream>

namespace AlertGate::Test {

namespace {

Poco::JSON::Object::Ptr object(const std::map<std::string, std::string>& values)
{
    auto o = Poco::makeShared<Poco::JSON::Object>();
    for (const auto& [k, v] : values)
        o->set(k, v);
    return o;
}

// Alertmanager groups by the route's group_by (here alertname and instance, as in the fixtures) and
// lists every alert of the group in each notification: distinct groups need distinct keys.
std::map<std::string, std::string> groupLabels(const std::vector<TestAlert>& alerts)
{
    std::map<std::string, std::string> labels;
    for (const char* name : {"alertname", "instance"})
    {
        bool shared = !alerts.empty() && alerts.front().labels.count(name) > 0;
        for (const auto& alert : alerts)
            shared = shared && alert.labels.count(name) > 0 &&
                     alert.labels.at(name) == alerts.front().labels.at(name);
        if (shared)
            labels[name] = alerts.front().labels.at(name);
    }
    return labels;
}

std::string groupKey(const std::map<std::string, std::string>& labels)
{
    std::string key = "{}:{";
    for (const auto& [name, value] : labels)
        key += (key.size() > 4 ? ", " : "") + name + "=\"" + value + "\"";
    return key + "}";
}

} // namespace

std::string webhookBody(const std::vector<TestAlert>& alerts, std::uint64_t truncatedAlerts)
{
    Poco::JSON::Array list;
    bool anyFiring = false;
    for (const auto& alert : alerts)
    {
        auto a = Poco::makeShared<Poco::JSON::Object>();
        a->set("status", alert.status);
        a->set("labels", object(alert.labels));
        a->set("annotations", object(alert.annotations));
        a->set("startsAt", alert.startsAt);
        a->set("endsAt", alert.status == "firing" ? "0001-01-01T00:00:00Z" : "2026-11-22T13:00:00Z");
        a->set("generatorURL", "http://prometheus:9090/graph?g0.expr=up&g0.tab=1");
        a->set("fingerprint", alert.fingerprint);
        list.add(a);
        anyFiring = anyFiring || alert.status == "firing";
    }
    Poco::JSON::Object body;
    body.set("version", "4");
    body.set("status", anyFiring ? "firing" : "resolved");
    body.set("receiver", "alertgate");
    body.set("groupKey", groupKey(groupLabels(alerts)));
    body.set("groupLabels", object(groupLabels(alerts)));
    body.set("commonLabels", object({}));
    body.set("commonAnnotations", object({}));
    body.set("externalURL", "http://alertmanager:9093");
    body.set("truncatedAlerts", truncatedAlerts);
    body.set("alerts", list);
    std::ostringstream out;
    body.stringify(out);
    return out.str() + "\n";
}

TestAlert diskAlert(const std::string& fingerprint, const std::string& instance, const std::string& severity)
{
    TestAlert alert;
    alert.fingerprint = fingerprint;
    alert.labels = {{"alertname", "DiskUsage"}, {"instance", instance}, {"severity", severity}};
    alert.annotations = {{"summary", "ディスクの使用率が高い"}};
    return alert;
}

} // namespace AlertGate::Test
