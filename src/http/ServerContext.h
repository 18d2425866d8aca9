#pragma once

#include "config/Settings.h"
#include "core/Clock.h"
#include "http/Authenticator.h"

namespace AlertGate {

class Metrics;
class NotificationWriter;
class Reconciler;
class Silencer;
class BuzzerDevice;

/// What the request handlers share; owned by the Gateway, which outlives the HTTP server.
struct ServerContext
{
    const Settings& settings;
    const Clock& clock;
    Metrics& metrics;
    NotificationWriter& writer;
    Authenticator authenticator;
    Silencer& silencer;                     /// POST /api/v1/silence
    const BuzzerDevice& buzzer;             /// Its state for /metrics and /-/ready.
    const Reconciler* reconciler = nullptr; /// Null when no tower or buzzer is driven.
};

} // namespace AlertGate
