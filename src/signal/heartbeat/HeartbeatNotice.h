#pragma once

#include "config/Settings.h"
#include "core/Notification.h"

#include <cstdint>
#include <string>

namespace AlertGate {

/// The message that monitoring is blind, as a notification alertgate gives itself: it goes through the
/// store like any other (history, outbox, the channels' routing and templates), so it is durable and
/// delivered once per channel. One alert, fingerprint fixed, so its firing and its resolution are one
/// episode (same startsAt) and a restart does not announce the same lapse twice.
class HeartbeatNotice
{
public:
    static const char* const ALERTNAME; /// "AlertgateHeartbeatMissing"
    static const char* const FINGERPRINT;

    static Notification blind(const Settings::Heartbeat& heartbeat, const std::string& startsAt);
    /// startsAt: when the heartbeat's deadline passed (RFC 3339).
    static Notification recovered(const Settings::Heartbeat& heartbeat, const std::string& startsAt,
                                  const std::string& endsAt);

private:
    static Notification make(const Settings::Heartbeat& heartbeat, const std::string& status,
                             const std::string& startsAt, const std::string& endsAt);
};

} // namespace AlertGate
