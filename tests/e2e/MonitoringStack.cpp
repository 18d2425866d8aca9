#include "MonitoringStack.h"

#include "Eventually.h"
#include "FreePort.h"
#include "GatewayProcess.h"
#include "JsonParse.h"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Environment.h>
#include <Poco/File.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/Path.h>
#include <Poco/String.h>

#include <map>
#include <sstream>
#include <stdexcept>

namespace AlertGate::Test {

namespace {

const std::string CONFIG_DIR = ALERTGATE_SOURCE_DIR "/tests/e2e/config";
const std::string EXPORTER = ALERTGATE_SOURCE_DIR "/tests/fakes/disk_exporter.py";
constexpr int START_TIMEOUT_MS = 30000;

std::string program(const std::string& name)
{
    Poco::Path path;
    if (!Poco::Path::find(Poco::Environment::get("PATH", ""), name, path))
        throw std::runtime_error(name +
                                 " is not on PATH: run the suite with scripts/test, which takes it from "
                                 "Debian's package");
    return path.toString();
}

std::string filled(std::string text, const std::map<std::string, std::string>& values)
{
    for (const auto& [name, value] : values)
        Poco::replaceInPlace(text, "@" + name + "@", value);
    return text;
}

bool answers(std::uint16_t port, const std::string& method, const std::string& path,
             const std::string& expected)
{
    try
    {
        HttpResult result = httpRequest(port, method, path);
        return result.status == 200 && result.body.find(expected) != std::string::npos;
    }
    catch (const std::exception&)
    {
        return false;
    }
}

} // namespace

MonitoringStack::MonitoringStack(std::uint16_t gatewayPort, const std::string& bearerToken,
                                 double diskUsagePercent, std::uint16_t alertmanagerPort)
{
    _exporter = std::make_unique<FakeProcess>(std::vector<std::string>{EXPORTER});
    _exporterPort = _exporter->ports().front();
    setDiskUsage(diskUsagePercent);
    // Prometheus must be told Alertmanager's address before either runs.
    _alertmanagerPort = alertmanagerPort != 0 ? alertmanagerPort : freeLoopbackPort();
    _prometheusPort = freeLoopbackPort();
    const std::string tokenFile = _dir.write("bearer-token", bearerToken + "\n", 0600);
    writeConfig("alertmanager.yml", gatewayPort, tokenFile);
    writeConfig("prometheus.yml", gatewayPort, tokenFile);
    writeConfig("disk.rules.yml", gatewayPort, tokenFile);
    startWatchdog();
    startAlertmanager();
    startPrometheus();
    // The exporter's series exist once Prometheus has scraped it: from then on rules see the usage.
    waitUntil("Prometheus scraping the exporter", _prometheusPort,
              "/api/v1/query?query=node_filesystem_size_bytes", "\"result\":[{");
}

MonitoringStack::~MonitoringStack() = default;

void MonitoringStack::writeConfig(const std::string& name, std::uint16_t gatewayPort,
                                  const std::string& tokenFile)
{
    const std::map<std::string, std::string> values = {
        {"DIR", _dir.path()},
        {"EXPORTER_PORT", std::to_string(_exporterPort)},
        {"ALERTMANAGER_PORT", std::to_string(_alertmanagerPort)},
        {"GATEWAY_PORT", std::to_string(gatewayPort)},
        {"TOKEN_FILE", tokenFile}};
    _dir.write(name, filled(readFile(CONFIG_DIR + "/" + name), values), 0644);
}

void MonitoringStack::startAlertmanager()
{
    _alertmanager = std::make_unique<ChildProcess>(
        program("prometheus-alertmanager"),
        std::vector<std::string>{"--config.file=" + _dir.file("alertmanager.yml"),
                                 "--storage.path=" +
                                     _dir.file("alertmanager-data-" + std::to_string(++_alertmanagerStarts)),
                                 "--web.listen-address=127.0.0.1:" + std::to_string(_alertmanagerPort),
                                 "--cluster.listen-address=", "--log.level=debug"});
    waitUntil("Alertmanager ready", _alertmanagerPort, "/-/ready", "");
}

void MonitoringStack::startPrometheus()
{
    _prometheus = std::make_unique<ChildProcess>(
        program("prometheus"),
        std::vector<std::string>{"--config.file=" + _dir.file("prometheus.yml"),
                                 "--storage.tsdb.path=" + _dir.file("prometheus-data"),
                                 "--web.listen-address=127.0.0.1:" + std::to_string(_prometheusPort),
                                 "--web.enable-lifecycle", "--rules.alert.resend-delay=1s"});
    waitUntil("Prometheus ready", _prometheusPort, "/-/ready", "");
}

void MonitoringStack::waitUntil(const std::string& what, std::uint16_t port, const std::string& path,
                                const std::string& expected) const
{
    if (!eventually([&] { return answers(port, "GET", path, expected); }, START_TIMEOUT_MS))
        throw std::runtime_error("timed out waiting for " + what + "\n" + logs());
}

bool MonitoringStack::prometheusFires(const std::string& alertname) const
{
    HttpResult result = httpRequest(_prometheusPort, "GET", "/api/v1/alerts");
    if (result.status != 200)
        throw std::runtime_error("Prometheus's alerts: HTTP " + std::to_string(result.status) + "\n" +
                                 logs());
    auto alerts = parseObject(result.body)->getObject("data")->getArray("alerts");
    for (std::size_t i = 0; alerts && i < alerts->size(); ++i)
    {
        auto alert = alerts->getObject(static_cast<unsigned>(i));
        if (alert->getObject("labels")->optValue<std::string>("alertname", "") == alertname &&
            alert->getValue<std::string>("state") == "firing")
            return true;
    }
    return false;
}

void MonitoringStack::restartAlertmanagerWithoutItsState()
{
    _alertmanager->stop();
    startAlertmanager();
}

std::string MonitoringStack::silence(const std::string& alertname)
{
    const std::string body =
        "{\"matchers\":[{\"name\":\"alertname\",\"value\":\"" + alertname +
        "\",\"isRegex\":false,\"isEqual\":true}],\"startsAt\":\"" +
        Poco::DateTimeFormatter::format(Poco::Timestamp(), Poco::DateTimeFormat::ISO8601_FORMAT) +
        "\",\"endsAt\":\"" +
        Poco::DateTimeFormatter::format(Poco::Timestamp() + Poco::Timespan(3600, 0),
                                        Poco::DateTimeFormat::ISO8601_FORMAT) +
        "\",\"createdBy\":\"e2e\",\"comment\":\"maintenance\"}";
    HttpResult result = httpRequest(_alertmanagerPort, "POST", "/api/v2/silences",
                                    {{"Content-Type", "application/json"}}, body);
    if (result.status != 200)
        throw std::runtime_error("Alertmanager refused the silence: " + result.body + "\n" + logs());
    return result.body;
}

void MonitoringStack::setDiskUsage(double percent)
{
    std::ostringstream path;
    path << "/usage?percent=" << percent;
    HttpResult result = httpRequest(_exporterPort, "PUT", path.str());
    if (result.status != 200)
        throw std::runtime_error("disk exporter refused " + path.str() + ": " + result.body);
}

std::string MonitoringStack::instance() const
{
    return "127.0.0.1:" + std::to_string(_exporterPort);
}

void MonitoringStack::stopWatchdog()
{
    _dir.write("watchdog.rules.yml", "groups: []\n", 0644);
    reloadPrometheus();
}

void MonitoringStack::startWatchdog()
{
    _dir.write("watchdog.rules.yml", readFile(CONFIG_DIR + "/watchdog.rules.yml"), 0644);
    if (_prometheus)
        reloadPrometheus();
}

void MonitoringStack::reloadPrometheus()
{
    HttpResult result = httpRequest(_prometheusPort, "POST", "/-/reload");
    if (result.status != 200)
        throw std::runtime_error("Prometheus refused the reload: " + result.body + "\n" + logs());
}

std::string MonitoringStack::logs() const
{
    return "--- Prometheus:\n" + (_prometheus ? _prometheus->err() : std::string("(not started)\n")) +
           "--- Alertmanager:\n" + (_alertmanager ? _alertmanager->err() : std::string("(not started)\n"));
}

} // namespace AlertGate::Test
