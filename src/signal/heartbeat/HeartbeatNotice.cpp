#include "signal/heartbeat/HeartbeatNotice.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <sstream>

namespace AlertGate {

const char* const HeartbeatNotice::ALERTNAME = "AlertgateHeartbeatMissing";
// Alertmanager-shaped (16 hex digits) so the notice parses like any notification; "a1e7" + "6a7e" spells
// alertgate, the rest is fixed so every lapse is the same alert.
const char* const HeartbeatNotice::FINGERPRINT = "a1e76a7e00000001";

namespace {

std::string duration(std::int64_t ms)
{
    return ms % 1000 == 0 ? std::to_string(ms / 1000) + " s" : std::to_string(ms) + " ms";
}

Poco::JSON::Object::Ptr labelObject(const LabelSet& labels)
{
    auto object = Poco::makeShared<Poco::JSON::Object>(Poco::JSON_WRAP_STRINGS);
    for (const auto& [name, value] : labels)
        object->set(name, value);
    return object;
}

// What Alertmanager would have sent for it, so the notifications table stays uniform.
std::string payloadOf(const Notification& n)
{
    const Alert& alert = n.alerts.front();
    auto a = Poco::makeShared<Poco::JSON::Object>(Poco::JSON_WRAP_STRINGS);
    a->set("status", alert.status);
    a->set("labels", labelObject(alert.labels));
    a->set("annotations", labelObject(alert.annotations));
    a->set("startsAt", alert.startsAt);
    a->set("endsAt", alert.endsAt.empty() ? "0001-01-01T00:00:00Z" : alert.endsAt);
    a->set("generatorURL", alert.generatorURL);
    a->set("fingerprint", alert.fingerprint);
    auto alerts = Poco::makeShared<Poco::JSON::Array>(Poco::JSON_WRAP_STRINGS);
    alerts->add(a);
    Poco::JSON::Object body(Poco::JSON_WRAP_STRINGS);
    body.set("version", n.version);
    body.set("status", n.status);
    body.set("receiver", n.receiver);
    body.set("groupKey", n.groupKey);
    body.set("groupLabels", labelObject(n.groupLabels));
    body.set("commonLabels", labelObject(n.commonLabels));
    body.set("commonAnnotations", labelObject(n.commonAnnotations));
    body.set("externalURL", n.externalURL);
    body.set("truncatedAlerts", 0);
    body.set("alerts", alerts);
    std::ostringstream out;
    body.stringify(out);
    return out.str();
}

} // namespace

Notification HeartbeatNotice::make(const Settings::Heartbeat& heartbeat, const std::string& status,
                                   const std::string& startsAt, const std::string& endsAt)
{
    Alert alert;
    alert.status = status;
    alert.labels = {{"alertname", ALERTNAME}, {"severity", "critical"}, {"heartbeat", heartbeat.alertname}};
    alert.annotations = {
        {"summary", status == "firing"
                        ? "Monitoring is blind: no " + heartbeat.alertname + " alert from Alertmanager"
                        : "Monitoring recovered: the " + heartbeat.alertname + " alert is back"},
        {"description",
         "alertgate expects the always-firing " + heartbeat.alertname + " alert at least every " +
             duration(heartbeat.timeoutMs) +
             "; without it, Prometheus or Alertmanager may be down and no alert would arrive."}};
    alert.startsAt = startsAt;
    alert.endsAt = endsAt;
    alert.fingerprint = FINGERPRINT;
    Notification n;
    n.version = "4";
    n.status = status;
    n.receiver = "alertgate";
    n.groupKey = "alertgate:heartbeat";
    n.groupLabels = {{"alertname", ALERTNAME}};
    n.commonLabels = alert.labels;
    n.commonAnnotations = alert.annotations;
    n.alerts.push_back(alert);
    n.rawPayload = payloadOf(n);
    return n;
}

Notification HeartbeatNotice::blind(const Settings::Heartbeat& heartbeat, const std::string& startsAt)
{
    return make(heartbeat, "firing", startsAt, "");
}

Notification HeartbeatNotice::recovered(const Settings::Heartbeat& heartbeat, const std::string& startsAt,
                                        const std::string& endsAt)
{
    return make(heartbeat, "resolved", startsAt, endsAt);
}

} // namespace AlertGate
