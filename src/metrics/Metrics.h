#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <ostream>
#include <string>

namespace AlertGate
{

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
        Count
    };

    /// Read from the store when scraped.
    struct StoreGauges
    {
        std::map<std::string, std::int64_t> activeAlertsBySeverity;
        std::int64_t storeBytes = 0;
        bool storeWritable = false;
    };

    void countReceived(Received result);
    void countRejection(Rejection reason);
    void observeCommit(double seconds, std::size_t notifications);

    void render(std::ostream& out, const StoreGauges& gauges) const;
    /// The Prometheus text exposition format (version 0.0.4).

    static const char* name(Rejection reason);

private:
    static constexpr std::array<double, 14> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                        0.1,    0.25,  0.5,    1,     2.5,  5,     10};

    void renderCounters(std::ostream& out) const;
    void renderCommitHistogram(std::ostream& out) const;

    mutable std::mutex _mutex;
    std::array<std::uint64_t, static_cast<std::size_t>(Received::Count)> _received{};
    std::array<std::uint64_t, static_cast<std::size_t>(Rejection::Count)> _rejections{};
    std::array<std::uint64_t, kBuckets.size()> _commitBuckets{};
    std::uint64_t _commitCount = 0;
    double _commitSum = 0;
    std::uint64_t _committedNotifications = 0;
};

} // namespace AlertGate
