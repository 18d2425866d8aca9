#pragma once

#include "FakePatliteTower.h"
#include "FakeSlackServer.h"
#include "FakeSmtpServer.h"
#include "MonitoringStack.h"
#include "TempDir.h"
#include "TestCertificates.h"
#include "TestGateway.h"

#include <memory>
#include <string>
#include <vector>

namespace AlertGate::Test {

/// The whole chain a user runs: Prometheus -> Alertmanager -> alertgate -> the PATLITE tower, Slack and
/// Gmail-like SMTP (STARTTLS, AUTH, the test CA), each a real process on loopback.
class AlertChain
{
public:
    enum class Reconcile
    {
        Off,
        WithAlertmanager, /// [alertmanager] url set, every second; the gateway keeps its port on restart.
    };

    explicit AlertChain(double diskUsagePercent, const std::string& extraIni = "",
                        Reconcile reconcile = Reconcile::Off);
    /// extraIni is added to alertgate's configuration (e.g. a [heartbeat] section).

    MonitoringStack& monitoring() { return *_monitoring; }
    TestGateway& gateway() { return _gateway; }
    FakePatliteTower& tower() { return _tower; }
    FakeSlackServer& slack() { return _slack; }
    FakeSmtpServer& smtp() { return _smtp; }

    bool towerShows(const std::string& digits);
    /// Waits (up to a minute) until the tower shows digits; false with the tower unchanged.

    std::vector<std::string> slackTexts() const;
    /// The attachment text of every Slack message, oldest first.
    std::vector<std::string> mailSubjects() const;
    /// The decoded Subject of every mail, oldest first.

    std::string diagnostics();
    /// Everything a failed assertion needs: tower states, the gateway's, Prometheus's and
    /// Alertmanager's logs.

private:
    std::string gatewayIni(const std::string& extraIni);
    std::string alertmanagerSection() const;

    TempDir _dir;
    TestCertificates _certificates;
    std::uint16_t _alertmanagerPort; /// 0: chosen by MonitoringStack, and alertgate does not ask it.
    FakePatliteTower _tower;
    FakeSlackServer _slack;
    FakeSmtpServer _smtp;
    TestGateway _gateway;
    std::unique_ptr<MonitoringStack> _monitoring;
};

} // namespace AlertGate::Test
