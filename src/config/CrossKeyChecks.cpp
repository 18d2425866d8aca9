#include "config/CrossKeyChecks.h"

#include "config/ConfigKeys.h"
#include "core/Printable.h"

#include <algorithm>
#include <functional>

namespace AlertGate {

namespace {

using Has = std::function<bool(const std::string&)>;

// NAME and NAME_file fill the same field: one of them.
void checkSecretPairs(Validation& v, const Has& has)
{
    const std::string suffix = "_file";
    for (const auto& key : ConfigKeys::all())
    {
        const std::string& fileKey = key.name;
        if (fileKey.size() <= suffix.size() ||
            fileKey.compare(fileKey.size() - suffix.size(), suffix.size(), suffix) != 0)
            continue;
        std::string inlineKey = fileKey.substr(0, fileKey.size() - suffix.size());
        if (has(fileKey) && has(inlineKey))
            v.problem(fileKey, "set either " + inlineKey + " or " + fileKey + ", not both");
    }
}

void checkAlertmanager(const Settings::Alertmanager& a, Validation& v, const Has& has)
{
    if (!a.enabled())
    {
        for (const char* key :
             {"alertmanager.bearer_token", "alertmanager.bearer_token_file", "alertmanager.username",
              "alertmanager.password", "alertmanager.password_file", "alertmanager.ca_file",
              "alertmanager.timeout", "alertmanager.reconcile_interval"})
            if (has(key))
                v.problem("alertmanager.url",
                          std::string("missing: ") + key + " needs the Alertmanager's URL");
        return;
    }
    if (a.username.empty() != a.password.empty())
        v.problem("alertmanager.username", "basic authentication needs both a user name and a password");
    if (!a.bearerToken.empty() && !a.username.empty())
        v.problem("alertmanager.bearer_token", "set either a bearer token or basic authentication, not both");
}

// Two modes: an Incoming Webhook, or an app (bot token) posting to a channel.
void checkSlack(const Settings::Slack& slack, Validation& v)
{
    if (!slack.webhookUrl.empty() && slack.appMode())
        v.problem("slack.bot_token",
                  "set either webhook_url (Incoming Webhook) or bot_token (app mode), not both");
    if (slack.appMode() && slack.channel.empty())
        v.problem("slack.channel", "missing: app mode (bot_token) needs the channel to post in");
    if (!slack.appMode() && !slack.channel.empty())
        v.problem("slack.channel", "channel is for app mode: set bot_token (or bot_token_file) too");
}

void checkEmail(const Settings::Email& e, Validation& v, const Has& has)
{
    bool anyEmailKey = has("email.from") || has("email.to") || has("email.username") || has("email.security");
    if (!e.enabled())
    {
        if (anyEmailKey)
            v.problem("email.smtp_host", "missing: the [email] channel needs an SMTP server");
        return;
    }
    if (e.from.empty())
        v.problem("email.from", "missing: the sender address is required");
    if (e.to.empty())
        v.problem("email.to", "missing: at least one recipient is required");
    if (e.username.empty() != e.password.empty())
        v.problem("email.username", "SMTP authentication needs both a user name and a password");
    if (e.security == "none" && !e.username.empty())
        v.problem("email.username",
                  "credentials are never sent without TLS; set email.security = starttls or tls, "
                  "or drop the credentials for a local relay");
}

void checkBuzzer(const Settings::Buzzer& b, Validation& v, const Has& has)
{
    if (!b.enabled())
    {
        if (has("buzzer.line") || has("buzzer.button_line"))
            v.problem("buzzer.chip", "missing: the buzzer's lines need the GPIO chip they are on");
        return;
    }
    if (b.line.empty())
        v.problem("buzzer.line", "missing: the GPIO line (offset or name) the buzzer is wired to");
    else if (b.line == b.buttonLine)
        v.problem("buzzer.button_line", "the button needs a line of its own, not the buzzer's");
}

// A sound naming no pattern would stay silent when it matters: refuse it at start.
void checkSoundNames(const Settings& s, Validation& v)
{
    auto known = [&](const std::string& name) { return s.buzzer.pattern(name).has_value(); };
    for (const auto& [severity, name] : s.lamp.sound)
        if (!known(name))
            v.problem("lamp.sound", "no buzzer pattern \"" + printable(name, 40) + "\" for " +
                                        printable(severity, 40) + " (define [buzzer] pattern." +
                                        printable(name, 40) + ")");
    if (!s.heartbeat.blindSound.empty() && !known(s.heartbeat.blindSound))
        v.problem("heartbeat.blind_sound", "no buzzer pattern \"" + printable(s.heartbeat.blindSound, 40) +
                                               "\" (define [buzzer] pattern." +
                                               printable(s.heartbeat.blindSound, 40) + ")");
}

} // namespace

void CrossKeyChecks::run(const Settings& s, const std::vector<std::string>& keysInFile, Validation& v)
{
    Has has = [&](const std::string& k) {
        return std::find(keysInFile.begin(), keysInFile.end(), k) != keysInFile.end();
    };
    checkSecretPairs(v, has);
    if (s.webhook.basicUsername.empty() != s.webhook.basicPassword.empty())
        v.problem("webhook.basic_username", "basic authentication needs both a user name and a password");
    checkEmail(s.email, v, has);
    checkSlack(s.slack, v);
    checkAlertmanager(s.alertmanager, v, has);
    if (!s.tower.enabled() && (has("tower.protocol") || has("tower.port") || has("tower.model")))
        v.problem("tower.host", "missing: the [tower] needs the tower's address");
    checkBuzzer(s.buzzer, v, has);
    checkSoundNames(s, v);
}

} // namespace AlertGate
