#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace AlertGate {

/// What /metrics reports that the store cannot answer itself. Thread-safe.
class Metrics
{
public:
    enum class Received
    {
        Accepted,    /// Committed and answered 200.
        Rejected,    /// Answered 4xx.
        Unavailable, /// The store could not write: answered 503.
        Count
    };

    enum class Rejection
    {
        Unauthorized,
        InvalidEncoding,
        InvalidJson,
        UnsupportedVersion,
        InvalidField,
        MethodNotAllowed,
        NotFound,
        PayloadTooLarge,
        UnsupportedMediaType,
        CrossSite,
        Count
    };

    /// Read from the store when scraped.
    struct StoreGauges
    {
        std::map<std::string, std::int64_t> activeAlertsBySeverity;
        std::int64_t storeBytes = 0;
        bool storeWritable = false;
        std::map<std::pair<std::string, std::string>, std::int64_t> outboxByChannelAndState;
    };

    void countReceived(Received result);
    void countRejection(Rejection reason);
    void observeCommit(double seconds, std::size_t notifications);
    void countPruned(const std::string& table, std::int64_t rows);
    /// Rows deleted by retention (store.retention), by table.
    void countDelivery(const std::string& channel, const std::string& outcome);
    /// outcome: delivered, retry or dead.
    void observeDeliveryLatency(const std::string& channel, double seconds);
    void observeReconciliation(bool reached, std::size_t resolved);
    /// One round of reconciliation with Alertmanager: whether it answered, how many alerts it resolved.
    /// From the notification's arrival to its delivery on the channel.

    /// Read from the buzzer when scraped.
    struct BuzzerGauges
    {
        bool configured = false;
        bool up = false;
        bool sounding = false;
    };

    static void renderBuzzer(std::ostream& out, const BuzzerGauges& gauges);
    /// alertgate_buzzer_up (only when a buzzer is configured) and alertgate_buzzer_sounding.

    void render(std::ostream& out, const StoreGauges& gauges) const;
    /// The Prometheus text exposition format (version 0.0.4).

    static const char* name(Rejection reason);

private:
    struct Histogram
    {
        explicit Histogram(std::vector<double> upperBounds)
            : bounds(std::move(upperBounds)), buckets(bounds.size())
        {
        }
        void observe(double value);
        void render(std::ostream& out, const std::string& name, const std::string& labels) const;

        std::vector<double> bounds;
        std::vector<std::uint64_t> buckets;
        std::uint64_t count = 0;
        double sum = 0;
    };

    void renderCounters(std::ostream& out) const;
    void renderHistograms(std::ostream& out) const;
    static void renderOutbox(std::ostream& out, const StoreGauges& gauges);

    struct Reconciliation
    {
        bool configured = false;
        bool up = false;
        std::uint64_t failures = 0;
        std::uint64_t resolved = 0;
    };
    void renderReconciliation(std::ostream& out) const;

    mutable std::mutex _mutex;
    Reconciliation _reconciliation;
    std::array<std::uint64_t, static_cast<std::size_t>(Received::Count)> _received{};
    std::array<std::uint64_t, static_cast<std::size_t>(Rejection::Count)> _rejections{};
    Histogram _commit{{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}};
    std::uint64_t _committedNotifications = 0;
    std::map<std::string, std::int64_t> _pruned;
    std::map<std::pair<std::string, std::string>, std::uint64_t> _deliveries;
    std::map<std::string, Histogram> _deliveryLatency;
};

} // namespace AlertGate
