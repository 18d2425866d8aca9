#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace AlertGate {

class Database;

/// Where a Slack message lives: the conversation and the message's timestamp (its id).
struct SlackMessageRef
{
    std::string channel;
    std::string ts;
};

/// The Slack message of each alert group's firing episode (table slack_messages), for Slack app mode:
/// found before a change is sent (update it), saved right after a post (so a crash in between makes
/// at most one duplicate message). Every value is bound.
class SlackMessageStore
{
public:
    explicit SlackMessageStore(Database& db);

    std::optional<SlackMessageRef> find(const std::string& groupKey, std::int64_t episodeNotificationId);
    void save(const std::string& groupKey, std::int64_t episodeNotificationId, const SlackMessageRef& message,
              std::int64_t nowMicros);
    /// Replaces what was saved for the episode (a message Slack lost is posted anew).

private:
    Database& _db;
};

} // namespace AlertGate
