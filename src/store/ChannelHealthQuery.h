#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace AlertGate {

class Database;

/// How one message channel's outbox stands.
struct ChannelHealth
{
    std::string channel;
    std::int64_t pending = 0;
    std::int64_t delivered = 0;
    std::int64_t dead = 0;
    std::string lastError; /// The newest failed or dead message's last answer; empty: none.
};

/// Read-only: the outbox per channel, for the status page (GET /api/v1/channels).
class ChannelHealthQuery
{
public:
    explicit ChannelHealthQuery(Database& db);

    ChannelHealth of(const std::string& channel);

private:
    Database& _db;
};

} // namespace AlertGate
