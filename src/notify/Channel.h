#pragma once

#include "core/Notification.h"
#include "store/EpisodeQuery.h"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace AlertGate {

/// What one delivery attempt came to.
struct DeliveryResult
{
    enum class Outcome
    {
        Delivered, /// The server took the message.
        Retry,     /// Worth trying again later (network, 4xx SMTP, 429/5xx HTTP).
        Dead       /// Will never succeed as is (bad credentials, unknown webhook, rejected payload).
    };

    Outcome outcome = Outcome::Retry;
    std::string detail; /// What the server answered, for the log and the history.
    std::optional<std::chrono::milliseconds> retryAfter;

    static DeliveryResult delivered(std::string detail)
    {
        return {Outcome::Delivered, std::move(detail), {}};
    }
    static DeliveryResult retry(std::string detail, std::optional<std::chrono::milliseconds> after = {})
    {
        return {Outcome::Retry, std::move(detail), after};
    }
    static DeliveryResult dead(std::string detail) { return {Outcome::Dead, std::move(detail), {}}; }
};

/// A message channel (Slack, email): renders a notification's alerts and sends them, once.
/// Implementations never throw for delivery problems; they return a DeliveryResult.
class Channel
{
public:
    virtual ~Channel() = default;

    virtual const std::string& name() const = 0;
    virtual DeliveryResult deliver(const Notification& notification, const std::vector<Alert>& alerts) = 0;
    virtual void abort() {}
    /// Ends a delivery under way at once, from another thread, and refuses later ones: the daemon is
    /// stopping. The message stays undelivered and is sent after the next start.

    virtual DeliveryResult deliverInEpisode(const Notification& notification,
                                            const std::vector<Alert>& alerts, const Episode& episode)
    {
        (void)episode;
        return deliver(notification, alerts);
    }
    /// The same, knowing the firing episode of the notification's group, for channels that thread their
    /// messages (email's In-Reply-To). By default the episode is not used.
};

} // namespace AlertGate
