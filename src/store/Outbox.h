#pragma once

#include "store/Statement.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>

namespace AlertGate {

class Database;

/// A message waiting for its channel, with the notification it carries.
struct OutboxEntry
{
    std::int64_t id = 0;
    std::int64_t notificationId = 0;
    std::int64_t createdAtMicros = 0;
    std::int64_t nextAttemptAtMicros = 0;
    int attempts = 0;
    std::string lastError;
    std::string payload; /// The notification's body as received.
};

/// The durable queue of messages per channel (table outbox). Rows are created in the notification's
/// own transaction (NotificationRecorder); a channel's dispatcher takes them oldest first and records
/// each outcome in a transaction of its own.
class Outbox
{
public:
    explicit Outbox(Database& db);

    std::optional<OutboxEntry> next(const std::string& channel);
    /// The oldest pending message of the channel: later ones wait behind it, so order is kept.

    void markDelivered(std::int64_t id, int attempts, std::int64_t nowMicros, const std::string& answer);
    void scheduleRetry(std::int64_t id, int attempts, std::int64_t nextAttemptMicros,
                       const std::string& error);
    void markDead(std::int64_t id, int attempts, const std::string& error);

private:
    void update(Statement& statement);

    Database& _db;
    Statement _next;
    Statement _delivered;
    Statement _retry;
    Statement _dead;
};

} // namespace AlertGate
