#include "AlertChain.h"

#include "FreePort.h"
#include "JsonParse.h"
#include "MailParser.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

namespace AlertGate::Test {

namespace {

const std::string SMTP_USER = "alertgate@example.com";
const std::string SMTP_PASSWORD = "app-password-1234";
constexpr int STEP_TIMEOUT_MS = 60000;

} // namespace

AlertChain::AlertChain(double diskUsagePercent, const std::string& extraIni, Reconcile reconcile)
    : _alertmanagerPort(reconcile == Reconcile::WithAlertmanager ? freeLoopbackPort() : 0),
      _slack("[]", &_certificates),
      _smtp(FakeSmtpServer::tlsOptions(_certificates, FakeSmtpServer::Mode::StartTls, SMTP_USER,
                                       SMTP_PASSWORD)),
      _gateway(gatewayIni(extraIni), "", reconcile == Reconcile::WithAlertmanager ? freeLoopbackPort() : 0)
{
    _gateway.start();
    _monitoring =
        std::make_unique<MonitoringStack>(_gateway.port(), "s3cret", diskUsagePercent, _alertmanagerPort);
}

std::string AlertChain::gatewayIni(const std::string& extraIni)
{
    const std::string passwordFile = _dir.write("smtp-password", SMTP_PASSWORD, 0600);
    return "[delivery]\nretry_initial = 200ms\nretry_max = 2s\n"
           "[tower]\nprotocol = http\nhost = 127.0.0.1\nport = " +
           std::to_string(_tower.httpPort()) +
           "\n"
           "[slack]\nwebhook_url = " +
           _slack.url("/services/T000/B000/XXXX") + "\nca_file = " + _certificates.caFile() +
           "\n"
           "[email]\nsmtp_host = localhost\nsmtp_port = " +
           std::to_string(_smtp.port()) + "\nsecurity = starttls\nusername = " + SMTP_USER +
           "\npassword_file = " + passwordFile +
           "\nfrom = alertgate <alertgate@example.com>\nto = oncall@example.com\nca_file = " +
           _certificates.caFile() + "\n" + alertmanagerSection() + extraIni;
}

std::string AlertChain::alertmanagerSection() const
{
    if (_alertmanagerPort == 0)
        return "";
    return "[alertmanager]\nurl = http://127.0.0.1:" + std::to_string(_alertmanagerPort) +
           "\nreconcile_interval = 1s\n";
}

bool AlertChain::towerShows(const std::string& digits)
{
    return _tower.waitFor([&] { return _tower.state() == digits; }, STEP_TIMEOUT_MS);
}

std::vector<std::string> AlertChain::slackTexts() const
{
    std::vector<std::string> texts;
    for (const auto& request : _slack.requests())
    {
        auto message = parseObject(request.body);
        auto attachments = message->getArray("attachments");
        std::string text;
        for (std::size_t i = 0; attachments && i < attachments->size(); ++i)
            text += attachments->getObject(static_cast<unsigned>(i))->getValue<std::string>("text") + "\n";
        texts.push_back(text);
    }
    return texts;
}

std::vector<std::string> AlertChain::mailSubjects() const
{
    std::vector<std::string> subjects;
    for (const auto& message : _smtp.messages())
        subjects.push_back(parseMail(message.file).subject);
    return subjects;
}

std::string AlertChain::diagnostics()
{
    std::string states;
    for (const auto& state : _tower.appliedStates())
        states += state + " ";
    return "\ntower states: " + states + "\n--- alertgate:\n" + _gateway.process().log() + "\n" +
           (_monitoring ? _monitoring->logs() : std::string());
}

} // namespace AlertGate::Test
