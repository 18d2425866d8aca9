#pragma once

#include "core/Error.h"

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace AlertGate {

/// What `alertgate history` and GET /api/v1/history select. Built only through set(), which checks
/// every value, so a query never sees one it cannot bind.
struct HistoryFilter
{
    static constexpr int kDefaultLimit = 100;
    static constexpr int kMaxLimit = 100000;

    std::optional<std::int64_t> sinceMicros;
    std::optional<std::int64_t> untilMicros;
    std::optional<std::string> status;
    std::optional<std::string> severity;
    std::optional<std::string> alertname;
    std::vector<std::pair<std::string, std::string>> labels;
    int limit = kDefaultLimit;

    void set(const std::string& name, const std::string& value, std::int64_t nowMicros);
    /// Applies one filter by name: since, until, status, severity, alertname, label (repeatable, k=v),
    /// limit. Throws FilterError with a message fit for the user.

    static const std::vector<std::string>& names();
};

class FilterError : public Error
{
public:
    using Error::Error;
};

} // namespace AlertGate
