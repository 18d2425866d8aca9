#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace AlertGate::Test {

/// One alert of a synthetic webhook body.
struct TestAlert
{
    std::string fingerprint;
    std::string status = "firing";
    std::map<std::string, std::string> labels;
    std::map<std::string, std::string> annotations;
    std::string startsAt = "2026-11-22T12:00:00Z";
};

std::string webhookBody(const std::vector<TestAlert>& alerts, std::uint64_t truncatedAlerts = 0);
/// A version 4 body as Alertmanager would send it for these alerts.

TestAlert diskAlert(const std::string& fingerprint, const std::string& instance, const std::string& severity);
/// A DiskUsage alert as the original rules raise it.

} // namespace AlertGate::Test
