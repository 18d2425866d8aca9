#include "store/HistoryQuery.h"

#include "core/LabelSetJson.h"
#include "core/Rfc3339.h"
#include "store/Database.h"
#include "store/Statement.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>

namespace AlertGate
{

namespace
{

// The WHERE clause and its values, in placeholder order.
struct Where
{
    std::string sql;
    std::vector<std::string> values;

    void add(const std::string& condition, std::vector<std::string> conditionValues)
    {
        sql += (sql.empty() ? " WHERE " : " AND ") + condition;
        values.insert(values.end(), conditionValues.begin(), conditionValues.end());
    }
};

Where whereFor(const HistoryFilter& f)
{
    Where where;
    if (f.sinceMicros)
        where.add("at >= ?", {Rfc3339::formatMicros(*f.sinceMicros)});
    if (f.untilMicros)
        where.add("at <= ?", {Rfc3339::formatMicros(*f.untilMicros)});
    if (f.status)
        where.add("status = ?", {*f.status});
    if (f.severity)
        where.add("severity = ?", {*f.severity});
    if (f.alertname)
        where.add("alertname = ?", {*f.alertname});
    for (const auto& [name, value] : f.labels)
        where.add("fingerprint IN (SELECT fingerprint FROM alert_labels WHERE name = ? AND value = ?)",
                  {name, value});
    return where;
}

std::vector<Delivery> deliveriesFrom(const std::string& json)
{
    std::vector<Delivery> deliveries;
    auto array = Poco::JSON::Parser().parse(json).extract<Poco::JSON::Array::Ptr>();
    for (std::size_t i = 0; i < array->size(); ++i)
    {
        auto o = array->getObject(static_cast<unsigned>(i));
        deliveries.push_back(Delivery{o->getValue<std::string>("channel"), o->getValue<std::string>("state"),
                                      o->getValue<Poco::Int64>("attempts"), o->optValue<std::string>("error", ""),
                                      o->optValue<std::string>("deliveredAt", "")});
    }
    return deliveries;
}

HistoryEvent eventFrom(const Statement& row)
{
    HistoryEvent e;
    e.id = row.integer(0);
    e.at = row.text(1);
    e.status = row.text(2);
    e.reason = row.text(3);
    e.alertname = row.text(4);
    e.severity = row.text(5);
    e.fingerprint = row.text(6);
    e.labels = labelSetFromJson(row.text(7));
    e.annotations = labelSetFromJson(row.text(8));
    e.startsAt = row.text(9);
    e.endsAt = row.optionalText(10);
    e.generatorURL = row.text(11);
    if (!row.isNull(12))
        e.notificationId = row.integer(12);
    e.receiver = row.text(13);
    e.groupKey = row.text(14);
    e.truncatedAlerts = row.integer(15);
    e.deliveries = deliveriesFrom(row.text(16));
    return e;
}

} // namespace

HistoryQuery::HistoryQuery(Database& db) : _db(db) {}

std::vector<HistoryEvent> HistoryQuery::events(const HistoryFilter& filter)
{
    Where where = whereFor(filter);
    Statement query =
        _db.prepare("SELECT id, at, status, reason, alertname, severity, fingerprint, labels, annotations, "
                    "starts_at, ends_at, "
                    "generator_url, notification_id, receiver, group_key, truncated_alerts, "
        "(SELECT json_group_array(json_object('channel', o.channel, 'state', o.state, 'attempts', o.attempts, "
        "'error', o.last_error, 'deliveredAt', o.delivered_at)) FROM outbox o WHERE o.notification_id = history.notification_id) "
        "FROM history" +
                    where.sql + " ORDER BY at DESC, id DESC LIMIT ?");
    int index = 1;
    for (const auto& value : where.values)
        query.bind(index++, value);
    query.bind(index, static_cast<std::int64_t>(filter.limit));
    std::vector<HistoryEvent> events;
    while (query.step())
        events.push_back(eventFrom(query));
    std::reverse(events.begin(), events.end());
    return events;
}

std::vector<ActiveAlert> HistoryQuery::active()
{
    Statement query = _db.prepare("SELECT fingerprint, alertname, severity, labels, annotations, starts_at, "
                                  "generator_url, first_seen_at, last_seen_at FROM active_alerts "
                                  "ORDER BY starts_at, fingerprint");
    std::vector<ActiveAlert> alerts;
    while (query.step())
        alerts.push_back(ActiveAlert{query.text(0), query.text(1), query.text(2),
                                     labelSetFromJson(query.text(3)), labelSetFromJson(query.text(4)),
                                     query.text(5), query.text(6), query.text(7), query.text(8)});
    return alerts;
}

std::map<std::pair<std::string, std::string>, std::int64_t> HistoryQuery::outboxCountByChannelAndState()
{
    Statement query = _db.prepare("SELECT channel, state, count(*) FROM outbox GROUP BY channel, state");
    std::map<std::pair<std::string, std::string>, std::int64_t> counts;
    while (query.step()) counts[{query.text(0), query.text(1)}] = query.integer(2);
    return counts;
}

std::map<std::string, std::int64_t> HistoryQuery::activeCountBySeverity()
{
    Statement query = _db.prepare("SELECT severity, count(*) FROM active_alerts GROUP BY severity");
    std::map<std::string, std::int64_t> counts;
    while (query.step())
        counts[query.text(0)] = query.integer(1);
    return counts;
}

} // namespace AlertGate
