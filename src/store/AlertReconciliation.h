#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace AlertGate {

class Database;

/// The store's side of reconciliation with Alertmanager: which alerts are held as firing, and the
/// changes Alertmanager's own view makes to them. Resolutions go through AlertResolver with the reason
/// "reconciled"; a change of suppression is an event of its own (status firing, reason "silenced",
/// "inhibited" or "unsuppressed") and the alert's suppressed column.
class AlertReconciliation
{
public:
    struct Firing
    {
        std::string fingerprint;
        std::int64_t lastSeenMicros = 0; /// When a notification last listed it.
        std::string suppressed;          /// "", "silenced" or "inhibited".
    };

    struct Change
    {
        std::vector<std::string> resolve; /// Fingerprints Alertmanager no longer holds.
        std::vector<std::pair<std::string, std::string>> suppress; /// Fingerprint, new suppression.
    };

    AlertReconciliation(std::string path, std::int64_t busyTimeoutMs);
    /// The store connection is opened on first use, and again after a failure.
    ~AlertReconciliation();

    std::vector<Firing> firing();
    /// Throws StoreError.

    int apply(const Change& change, std::int64_t nowMicros);
    /// Applies the change in one transaction to the alerts still firing; returns how many were
    /// resolved. Throws StoreError.

private:
    Database& db();

    std::string _path;
    std::int64_t _busyTimeoutMs;
    std::unique_ptr<Database> _db;
};

} // namespace AlertGate
