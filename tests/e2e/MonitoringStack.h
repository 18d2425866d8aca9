#pragma once

#include "ChildProcess.h"
#include "FakeProcess.h"
#include "TempDir.h"

#include <cstdint>
#include <memory>
#include <string>

namespace AlertGate::Test {

/// The monitoring a user runs in front of alertgate, for real: Debian's Prometheus scraping a disk-usage
/// exporter (tests/fakes/disk_exporter.py) and evaluating the original rules, and Debian's Alertmanager
/// with the original routing and inhibit rules sending webhooks to alertgate with a bearer token
/// (tests/e2e/config). Everything on 127.0.0.1, in a directory of its own, stopped when the object goes.
/// Prometheus and Alertmanager are looked up on PATH (scripts/test puts Debian's binaries there).
class MonitoringStack
{
public:
    MonitoringStack(std::uint16_t gatewayPort, const std::string& bearerToken, double diskUsagePercent,
                    std::uint16_t alertmanagerPort = 0);
    /// Starts the exporter at diskUsagePercent, then Alertmanager (on alertmanagerPort, or a free port
    /// when 0) and Prometheus, and waits until both are ready and Prometheus has scraped the exporter.
    /// Throws std::runtime_error with their logs otherwise.
    ~MonitoringStack();
    MonitoringStack(const MonitoringStack&) = delete;
    MonitoringStack& operator=(const MonitoringStack&) = delete;

    void setDiskUsage(double percent);
    std::string instance() const;
    /// The exporter's instance label, as Prometheus sets it: "127.0.0.1:<port>".

    std::uint16_t alertmanagerPort() const { return _alertmanagerPort; }

    bool prometheusFires(const std::string& alertname) const;
    /// Whether Prometheus holds an alert of that name as firing (GET /api/v1/alerts).

    void restartAlertmanagerWithoutItsState();
    /// Stops Alertmanager and starts it again on the same port with an empty storage directory: it
    /// forgets every alert and what it notified (as after a crash without persistent storage).

    std::string silence(const std::string& alertname);
    /// Creates a one-hour silence for alertname through Alertmanager's API; returns its id.

    void stopWatchdog();
    void startWatchdog();
    /// Removes the Watchdog rule from Prometheus (or puts it back) and reloads Prometheus.

    std::string logs() const;
    /// Prometheus's and Alertmanager's logs, for failure messages.

private:
    void writeConfig(const std::string& name, std::uint16_t gatewayPort, const std::string& tokenFile);
    void startAlertmanager();
    void startPrometheus();
    void waitUntil(const std::string& what, std::uint16_t port, const std::string& path,
                   const std::string& expected) const;
    void reloadPrometheus();

    TempDir _dir;
    std::unique_ptr<FakeProcess> _exporter;
    std::uint16_t _exporterPort = 0;
    std::uint16_t _alertmanagerPort = 0;
    std::uint16_t _prometheusPort = 0;
    std::unique_ptr<ChildProcess> _alertmanager;
    std::unique_ptr<ChildProcess> _prometheus;
    int _alertmanagerStarts = 0;
};

} // namespace AlertGate::Test
