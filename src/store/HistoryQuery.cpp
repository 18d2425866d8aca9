#include "store/HistoryQuery.h"

#include "core/LabelSetJson.h"
#include "core/Rfc3339.h"
#include "store/Database.h"
#include "store/Statement.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>

namespace AlertGate {

namespace {

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

// The `history` view's two sources, each queried on its own. Through the view, a UNION ALL of a join that
// SQLite does not flatten, every matching row was read, given its deliveries and sorted before the limit
// applied: a day out of a million events took 160 ms on an x86 server (33,000 rows for 100). Queried apart,
// each source is read newest first through an index and the merge stops at the limit. The columns are the
// view's (Schema.cpp).
// An event's empty labels, annotations and generator URL are its alert's and its notification's payload's
// (Schema.cpp, steps 4 and 7): read from there, as the `history` view does. SQLite keeps the payload it
// parsed for a row's first json_extract for the others (json.c's parse cache).
const char* const kEvents =
    "SELECT e.id AS id, e.at AS at, e.status, e.reason, e.alertname, e.severity, e.fingerprint, "
    "CASE WHEN e.labels = '' THEN (SELECT a.labels FROM alerts a WHERE a.fingerprint = e.fingerprint) "
    "ELSE e.labels END, "
    "CASE WHEN e.annotations = '' THEN json_extract(n.payload, '$.alerts[' || e.payload_alert || "
    "'].annotations') ELSE e.annotations END, "
    "e.starts_at, e.ends_at, "
    "CASE WHEN e.annotations = '' THEN json_extract(n.payload, '$.alerts[' || e.payload_alert || "
    "'].generatorURL') ELSE e.generator_url END, "
    "e.notification_id, n.receiver, n.group_key, n.truncated_alerts, "
    "(SELECT json_group_array(json_object('channel', o.channel, 'state', o.state, 'attempts', o.attempts, "
    "'error', o.last_error, 'deliveredAt', o.delivered_at)) FROM outbox o WHERE o.notification_id = "
    "e.notification_id), "
    "coalesce(r.repeats, 0), r.last_repeat_at, "
    // Alertmanager >= 0.32's reason, read from the payload as received (no column of its own).
    "CASE WHEN json_valid(n.payload) THEN json_extract(n.payload, '$.notification_reason') END "
    "FROM alert_events e LEFT JOIN notifications n ON n.id = e.notification_id "
    "LEFT JOIN notification_repeats r ON r.notification_id = e.notification_id";
const char* const kSilences = "SELECT s.id AS id, s.at AS at, 'silenced', 'silenced', '', '', '', "
                              "json_object('by', s.by, 'via', s.via), json_object('comment', s.comment), "
                              "s.at, NULL, '', NULL, '', '', 0, "
                              "'[]', 0, NULL, NULL FROM silences s";

void addTimeRange(Where& where, const HistoryFilter& f, const std::string& column)
{
    if (f.sinceMicros)
        where.add(column + " >= ?", {Rfc3339::formatMicros(*f.sinceMicros)});
    if (f.untilMicros)
        where.add(column + " <= ?", {Rfc3339::formatMicros(*f.untilMicros)});
}

// Alert events match anything but status=silenced.
std::optional<Where> eventsWhere(const HistoryFilter& f)
{
    if (f.status && *f.status == "silenced")
        return std::nullopt;
    Where where;
    addTimeRange(where, f, "e.at");
    if (f.status)
        where.add("e.status = ?", {*f.status});
    if (f.severity)
        where.add("e.severity = ?", {*f.severity});
    if (f.alertname)
        where.add("e.alertname = ?", {*f.alertname});
    // Label names are [A-Za-z0-9_] (HistoryFilter), so quoting one in a JSON path is safe.
    for (const auto& [name, value] : f.labels)
        where.add("e.fingerprint IN (SELECT fingerprint FROM alerts WHERE json_extract(labels, ?) = ?)",
                  {"$.\"" + name + "\"", value});
    return where;
}

// Silences have no alertname, severity or labels to match, and only the status silenced.
std::optional<Where> silencesWhere(const HistoryFilter& f)
{
    if ((f.status && *f.status != "silenced") || f.severity || f.alertname || !f.labels.empty())
        return std::nullopt;
    Where where;
    addTimeRange(where, f, "s.at");
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
                                      o->getValue<Poco::Int64>("attempts"),
                                      o->optValue<std::string>("error", ""),
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
    e.labels = labelSetFromJson(row.isNull(7) ? "{}" : row.text(7));
    e.annotations = labelSetFromJson(row.isNull(8) ? "{}" : row.text(8));
    e.startsAt = row.text(9);
    e.endsAt = row.optionalText(10);
    e.generatorURL = row.text(11);
    if (!row.isNull(12))
        e.notificationId = row.integer(12);
    e.receiver = row.text(13);
    e.groupKey = row.text(14);
    e.truncatedAlerts = row.integer(15);
    e.deliveries = deliveriesFrom(row.text(16));
    e.repeats = row.integer(17);
    e.lastRepeatAt = row.optionalText(18);
    e.notificationReason = row.optionalText(19);
    return e;
}

} // namespace

HistoryQuery::HistoryQuery(Database& db) : _db(db) {}

std::optional<Statement> HistoryQuery::prepareEvents(const HistoryFilter& filter, const std::string& prefix)
{
    std::string sql;
    std::vector<std::string> values;
    for (const auto& [select, where] :
         {std::make_pair(kEvents, eventsWhere(filter)), std::make_pair(kSilences, silencesWhere(filter))})
    {
        if (!where)
            continue;
        sql += (sql.empty() ? "" : " UNION ALL ") + std::string(select) + where->sql;
        values.insert(values.end(), where->values.begin(), where->values.end());
    }
    if (sql.empty())
        return std::nullopt;
    Statement query = _db.prepare(prefix + sql + " ORDER BY at DESC, id DESC LIMIT ?");
    int index = 1;
    for (const auto& value : values)
        query.bind(index++, value);
    query.bind(index, static_cast<std::int64_t>(filter.limit));
    return query;
}

std::vector<HistoryEvent> HistoryQuery::events(const HistoryFilter& filter)
{
    std::vector<HistoryEvent> events;
    auto query = prepareEvents(filter, "");
    while (query && query->step())
        events.push_back(eventFrom(*query));
    std::reverse(events.begin(), events.end());
    return events;
}

std::vector<std::string> HistoryQuery::plan(const HistoryFilter& filter)
{
    std::vector<std::string> steps;
    auto query = prepareEvents(filter, "EXPLAIN QUERY PLAN ");
    while (query && query->step())
        steps.push_back(query->text(3));
    return steps;
}

std::vector<ActiveAlert> HistoryQuery::active()
{
    Statement query = _db.prepare("SELECT fingerprint, alertname, severity, labels, annotations, starts_at, "
                                  "generator_url, first_seen_at, last_seen_at, suppressed FROM active_alerts "
                                  "ORDER BY starts_at, fingerprint");
    std::vector<ActiveAlert> alerts;
    while (query.step())
        alerts.push_back(ActiveAlert{query.text(0), query.text(1), query.text(2),
                                     labelSetFromJson(query.text(3)), labelSetFromJson(query.text(4)),
                                     query.text(5), query.text(6), query.text(7), query.text(8),
                                     query.text(9)});
    return alerts;
}

std::map<std::pair<std::string, std::string>, std::int64_t> HistoryQuery::outboxCountByChannelAndState()
{
    Statement query = _db.prepare("SELECT channel, state, count(*) FROM outbox GROUP BY channel, state");
    std::map<std::pair<std::string, std::string>, std::int64_t> counts;
    while (query.step())
        counts[{query.text(0), query.text(1)}] = query.integer(2);
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
