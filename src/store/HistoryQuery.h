#pragma once

#include "core/Alert.h"
#include "store/HistoryFilter.h"
#include "store/Statement.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace AlertGate {

class Database;

/// What happened to a notification's message on one channel (table outbox).
struct Delivery
{
    std::string channel;
    std::string state; /// pending | delivered | dead
    std::int64_t attempts = 0;
    std::string lastError;
    std::string deliveredAt;
};

/// One state change of one alert, as the `history` view shows it.
struct HistoryEvent
{
    std::int64_t id = 0;
    std::string at;     /// When alertgate recorded the change (UTC, RFC 3339).
    std::string status; /// firing | resolved | silenced (labels by, via; annotation comment)
    std::string reason; /// notified (by Alertmanager)
    std::string alertname;
    std::string severity;
    std::string fingerprint;
    LabelSet labels;
    LabelSet annotations;
    std::string startsAt;
    std::optional<std::string> endsAt;
    std::string generatorURL;
    std::optional<std::int64_t> notificationId;
    std::string receiver;
    std::string groupKey;
    std::optional<std::string> notificationReason; /// Alertmanager >= 0.32's notification_reason, if sent.
    std::int64_t truncatedAlerts = 0;
    std::vector<Delivery> deliveries; /// Of the notification that carried the change.
    std::int64_t repeats = 0; /// Later notifications of the group that changed nothing, counted on this one.
    std::optional<std::string> lastRepeatAt; /// When the last of them came.
};

/// One alert firing now, as the `active_alerts` view shows it.
struct ActiveAlert
{
    std::string fingerprint;
    std::string alertname;
    std::string severity;
    LabelSet labels;
    LabelSet annotations;
    std::string startsAt;
    std::string generatorURL;
    std::string firstSeenAt;
    std::string lastSeenAt;
    std::string suppressed; /// "", "silenced" or "inhibited" (Alertmanager's word, by reconciliation).
};

/// Read-only questions to the store. Every value is bound, never spliced into the SQL.
class HistoryQuery
{
public:
    explicit HistoryQuery(Database& db);

    std::vector<HistoryEvent> events(const HistoryFilter& filter);
    /// The newest filter.limit matching events, oldest first.

    std::vector<std::string> plan(const HistoryFilter& filter);
    /// How SQLite runs events(filter): the EXPLAIN QUERY PLAN steps, e.g. "SEARCH e USING INDEX
    /// alert_events_at (at>? AND at<?)". For tests and for finding out why a history query is slow.

    std::vector<ActiveAlert> active();

    std::map<std::string, std::int64_t> activeCountBySeverity();

    std::map<std::pair<std::string, std::string>, std::int64_t> outboxCountByChannelAndState();

private:
    std::optional<Statement> prepareEvents(const HistoryFilter& filter, const std::string& prefix);
    /// The events query with its values bound (prefix goes before the SQL); none when nothing can match.

    Database& _db;
};

} // namespace AlertGate
