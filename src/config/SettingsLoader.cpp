#include "config/SettingsLoader.h"

#include "config/ConfigError.h"
#include "config/SecretFile.h"
#include "core/Matcher.h"
#include "core/Printable.h"
#include "core/TowerState.h"
#include "core/Units.h"

#include <Poco/AutoPtr.h>
#include <Poco/Net/IPAddress.h>
#include <Poco/NumberParser.h>
#include <Poco/Path.h>
#include <Poco/String.h>
#include <Poco/StringTokenizer.h>
#include <Poco/URI.h>
#include <Poco/Util/IniFileConfiguration.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <map>
#include <stdexcept>
#include <vector>

namespace AlertGate {

namespace {

using Apply = std::function<void(Settings&, const std::string& value)>;

struct Range
{
    std::int64_t min;
    std::int64_t max;
};

std::int64_t durationIn(const std::string& value, Range range)
{
    auto millis = parseDurationMillis(value);
    if (!millis)
        throw std::invalid_argument("expected a duration such as 500ms, 10s, 5m or 1h");
    if (*millis < range.min || *millis > range.max)
        throw std::invalid_argument("out of range (min " + std::to_string(range.min) + "ms, max " +
                                    std::to_string(range.max) + "ms)");
    return *millis;
}

int integerIn(const std::string& value, Range range)
{
    int number;
    if (!Poco::NumberParser::tryParse(value, number))
        throw std::invalid_argument("expected an integer");
    if (number < range.min || number > range.max)
        throw std::invalid_argument("out of range (min " + std::to_string(range.min) + ", max " +
                                    std::to_string(range.max) + ")");
    return number;
}

std::uint64_t bytesIn(const std::string& value, Range range)
{
    auto bytes = parseByteSize(value);
    if (!bytes)
        throw std::invalid_argument("expected a size such as 65536, 64KiB or 1MiB");
    if (*bytes < static_cast<std::uint64_t>(range.min) || *bytes > static_cast<std::uint64_t>(range.max))
        throw std::invalid_argument("out of range (min " + std::to_string(range.min) + " bytes, max " +
                                    std::to_string(range.max) + " bytes)");
    return *bytes;
}

// "127.0.0.1:9098", "[::1]:9098", "0.0.0.0:9098"; port 0 asks the kernel for a free port.
void applyListen(Settings& s, const std::string& value)
{
    auto colon = value.rfind(':');
    if (colon == std::string::npos)
        throw std::invalid_argument("expected ADDRESS:PORT, e.g. 127.0.0.1:9098");
    std::string host = value.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    Poco::Net::IPAddress address;
    if (!Poco::Net::IPAddress::tryParse(host, address))
        throw std::invalid_argument("\"" + printable(host) + "\" is not an IP address");
    s.http.host = host;
    s.http.port = static_cast<std::uint16_t>(integerIn(value.substr(colon + 1), {0, 65535}));
}

void requireNonEmpty(const std::string& value)
{
    if (value.empty())
        throw std::invalid_argument("must not be empty");
}

void applyLogLevel(Settings& s, const std::string& value)
{
    static const char* levels[] = {"fatal",  "critical",    "error", "warning",
                                   "notice", "information", "debug", "trace"};
    for (const char* level : levels)
        if (value == level)
        {
            s.log.level = value;
            return;
        }
    throw std::invalid_argument(
        "expected one of fatal, critical, error, warning, notice, information, debug, "
        "trace");
}

bool boolean(const std::string& value)
{
    for (const char* yes : {"true", "yes", "on", "1"})
        if (value == yes)
            return true;
    for (const char* no : {"false", "no", "off", "0"})
        if (value == no)
            return false;
    throw std::invalid_argument("expected true or false");
}

std::string matchers(const std::string& value)
{
    Matcher::parseList(value);
    return value;
}

std::string headerSafe(const std::string& value)
{
    for (char c : value)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
            throw std::invalid_argument("control characters are not allowed");
    return value;
}

std::string mailbox(const std::string& value)
{
    std::string trimmed = Poco::trim(value);
    if (headerSafe(trimmed).find('@') == std::string::npos || trimmed.find(',') != std::string::npos)
        throw std::invalid_argument("\"" + printable(trimmed, 60) + "\" is not an e-mail address");
    return trimmed;
}

std::vector<std::string> mailboxes(const std::string& value)
{
    std::vector<std::string> result;
    for (const auto& part : Poco::StringTokenizer(
             value, ",", Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY))
        result.push_back(mailbox(part));
    if (result.empty())
        throw std::invalid_argument("expected one or more e-mail addresses, separated by commas");
    return result;
}

std::string webhookUrl(const std::string& value)
{
    Poco::URI url;
    try
    {
        url = Poco::URI(value);
    }
    catch (const Poco::SyntaxException&)
    {
        throw std::invalid_argument("not a URL");
    }
    if (url.getScheme() != "https" || url.getHost().empty())
        throw std::invalid_argument("expected an https:// URL (Slack's Incoming Webhook URL)");
    return value;
}

std::string oneOfWords(const std::string& value, std::initializer_list<const char*> words)
{
    std::string list;
    for (const char* word : words)
    {
        if (value == word)
            return value;
        list += (list.empty() ? "" : ", ") + std::string(word);
    }
    throw std::invalid_argument("expected one of " + list);
}

// "critical:alarm, warning:beep": which severities sound the buzzer, with which named pattern.
std::map<std::string, std::string> severityPatterns(const std::string& value)
{
    std::map<std::string, std::string> result;
    for (const auto& part : Poco::StringTokenizer(
             value, ",", Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY))
    {
        auto colon = part.find(':');
        std::string severity = colon == std::string::npos ? "" : Poco::trim(part.substr(0, colon));
        std::string pattern = colon == std::string::npos ? "" : Poco::trim(part.substr(colon + 1));
        if (severity.empty() || pattern.empty())
            throw std::invalid_argument("expected SEVERITY:PATTERN pairs such as critical:alarm, not \"" +
                                        printable(part, 40) + "\"");
        result[severity] = pattern;
    }
    return result;
}

// "500ms/500ms": sounding, then quiet, repeated; "1s/0s" sounds continuously.
BuzzerPattern buzzerPattern(const std::string& name, const std::string& value)
{
    auto slash = value.find('/');
    if (slash == std::string::npos)
        throw std::invalid_argument("expected ON/OFF durations, e.g. 500ms/500ms (0s off: continuous)");
    auto on = durationIn(value.substr(0, slash), {10, 60000});
    auto off = durationIn(value.substr(slash + 1), {0, 3600000});
    return BuzzerPattern{name, std::chrono::milliseconds(on), std::chrono::milliseconds(off)};
}

void applyBuzzerPattern(Settings& s, const std::string& name, const std::string& value)
{
    if (name.empty() || name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_-") != std::string::npos)
        throw std::invalid_argument("pattern names are lower-case letters, digits, _ and -");
    BuzzerPattern pattern = buzzerPattern(name, value);
    auto& patterns = s.buzzer.patterns;
    auto same = std::find_if(patterns.begin(), patterns.end(),
                             [&](const BuzzerPattern& p) { return p.name == name; });
    if (same != patterns.end())
        *same = pattern;
    else
        patterns.push_back(pattern);
}

const std::map<std::string, Apply>& inlineKeys()
{
    static const std::map<std::string, Apply> keys = {
        {"http.listen", applyListen},
        {"http.max_body_size",
         [](Settings& s, const std::string& v) {
             s.http.maxBodyBytes = bytesIn(v, {1024, 64 << 20});
         }},
        {"http.max_connections",
         [](Settings& s, const std::string& v) {
             s.http.maxConnections = integerIn(v, {1, 1024});
         }},
        {"http.max_idle_connections",
         [](Settings& s, const std::string& v) {
             s.http.maxIdleConnections = integerIn(v, {1, 65536});
         }},
        {"http.request_timeout",
         [](Settings& s, const std::string& v) {
             s.http.requestTimeoutMs = durationIn(v, {100, 300000});
         }},
        {"http.keepalive_timeout",
         [](Settings& s, const std::string& v) {
             s.http.keepAliveTimeoutMs = durationIn(v, {0, 3600000});
         }},
        {"webhook.bearer_token",
         [](Settings& s, const std::string& v)
         {
             requireNonEmpty(v);
             s.webhook.bearerToken = v;
         }},
        {"webhook.basic_username",
         [](Settings& s, const std::string& v)
         {
             requireNonEmpty(v);
             s.webhook.basicUsername = v;
         }},
        {"webhook.basic_password",
         [](Settings& s, const std::string& v)
         {
             requireNonEmpty(v);
             s.webhook.basicPassword = v;
         }},
        {"store.path",
         [](Settings& s, const std::string& v)
         {
             requireNonEmpty(v);
             s.store.path = v;
         }},
        {"store.busy_timeout",
         [](Settings& s, const std::string& v) {
             s.store.busyTimeoutMs = durationIn(v, {100, 600000});
         }},
        {"store.commit_timeout",
         [](Settings& s, const std::string& v) {
             s.store.commitTimeoutMs = durationIn(v, {100, 600000});
         }},
        {"log.level", applyLogLevel},
        {"delivery.retry_initial", [](Settings& s, const std::string& v) { s.delivery.retryInitialMs = durationIn(v, {100, 3600000}); }},
        {"delivery.retry_max", [](Settings& s, const std::string& v) { s.delivery.retryMaxMs = durationIn(v, {1000, 24 * 3600000LL}); }},
        {"delivery.max_age", [](Settings& s, const std::string& v) { s.delivery.maxAgeMs = durationIn(v, {60000, 30 * 24 * 3600000LL}); }},
        {"heartbeat.alertname", [](Settings& s, const std::string& v) { requireNonEmpty(v); s.heartbeat.alertname = v; }},
        {"heartbeat.timeout", [](Settings& s, const std::string& v) { s.heartbeat.timeoutMs = durationIn(v, {0, 7 * 24 * 3600000LL}); }},
        {"heartbeat.require_at_start", [](Settings& s, const std::string& v) { s.heartbeat.requireAtStart = boolean(v); }},
        {"heartbeat.blind_lamps", [](Settings& s, const std::string& v) { TowerState::parse(v); s.heartbeat.blindLamps = v; }},
        {"heartbeat.blind_sound", [](Settings& s, const std::string& v) { s.heartbeat.blindSound = v; }},
        {"tower.protocol", [](Settings& s, const std::string& v) { s.tower.protocol = oneOfWords(v, {"http", "pns"}); }},
        {"tower.model", [](Settings& s, const std::string& v) { s.tower.model = oneOfWords(v, {"nh", "la6"}); }},
        {"tower.host", [](Settings& s, const std::string& v) { requireNonEmpty(headerSafe(v)); s.tower.host = v; }},
        {"tower.port", [](Settings& s, const std::string& v) { s.tower.port = static_cast<std::uint16_t>(integerIn(v, {1, 65535})); }},
        {"tower.timeout", [](Settings& s, const std::string& v) { s.tower.timeoutMs = durationIn(v, {100, 60000}); }},
        {"tower.reassert_interval", [](Settings& s, const std::string& v) { s.tower.reassertMs = durationIn(v, {100, 24 * 3600000LL}); }},
        {"tower.retry_initial", [](Settings& s, const std::string& v) { s.tower.retryInitialMs = durationIn(v, {50, 3600000}); }},
        {"tower.retry_max", [](Settings& s, const std::string& v) { s.tower.retryMaxMs = durationIn(v, {50, 3600000}); }},
        {"alerts.stale_after", [](Settings& s, const std::string& v) { s.alerts.staleAfterMs = durationIn(v, {0, 30 * 24 * 3600000LL}); }},
        {"lamp.sound", [](Settings& s, const std::string& v) { s.lamp.sound = severityPatterns(v); }},
        {"slack.webhook_url", [](Settings& s, const std::string& v) { s.slack.webhookUrl = webhookUrl(v); }},
        {"slack.matchers", [](Settings& s, const std::string& v) { s.slack.matchers = matchers(v); }},
        {"slack.send_resolved", [](Settings& s, const std::string& v) { s.slack.sendResolved = boolean(v); }},
        {"slack.title_template", [](Settings& s, const std::string& v) { requireNonEmpty(v); s.slack.titleTemplate = v; }},
        {"slack.alert_template", [](Settings& s, const std::string& v) { requireNonEmpty(v); s.slack.alertTemplate = v; }},
        {"slack.ca_file", [](Settings& s, const std::string& v) { requireNonEmpty(v); s.slack.caFile = v; }},
        {"slack.timeout", [](Settings& s, const std::string& v) { s.slack.timeoutMs = durationIn(v, {100, 300000}); }},
        {"email.smtp_host", [](Settings& s, const std::string& v) { requireNonEmpty(headerSafe(v)); s.email.smtpHost = v; }},
        {"email.smtp_port", [](Settings& s, const std::string& v) { s.email.smtpPort = static_cast<std::uint16_t>(integerIn(v, {1, 65535})); }},
        {"email.security", [](Settings& s, const std::string& v) { s.email.security = oneOfWords(v, {"starttls", "tls", "none"}); }},
        {"email.username", [](Settings& s, const std::string& v) { requireNonEmpty(headerSafe(v)); s.email.username = v; }},
        {"email.password", [](Settings& s, const std::string& v) { requireNonEmpty(v); s.email.password = v; }},
        {"email.from", [](Settings& s, const std::string& v) { s.email.from = mailbox(v); }},
        {"email.to", [](Settings& s, const std::string& v) { s.email.to = mailboxes(v); }},
        {"email.matchers", [](Settings& s, const std::string& v) { s.email.matchers = matchers(v); }},
        {"email.send_resolved", [](Settings& s, const std::string& v) { s.email.sendResolved = boolean(v); }},
        {"email.subject_template", [](Settings& s, const std::string& v) { requireNonEmpty(v); s.email.subjectTemplate = v; }},
        {"email.text_template", [](Settings& s, const std::string& v) { requireNonEmpty(v); s.email.textTemplate = v; }},
        {"email.html_template", [](Settings& s, const std::string& v) { requireNonEmpty(v); s.email.htmlTemplate = v; }},
        {"email.ca_file", [](Settings& s, const std::string& v) { requireNonEmpty(v); s.email.caFile = v; }},
        {"buzzer.chip", [](Settings& s, const std::string& v) { requireNonEmpty(v); s.buzzer.chip = v; }},
        {"buzzer.line", [](Settings& s, const std::string& v) { requireNonEmpty(v); s.buzzer.line = v; }},
        {"buzzer.active_low", [](Settings& s, const std::string& v) { s.buzzer.activeLow = boolean(v); }},
        {"buzzer.max_sounding", [](Settings& s, const std::string& v) { s.buzzer.maxSoundingMs = durationIn(v, {1000, 24 * 3600000LL}); }},
        {"buzzer.button_line", [](Settings& s, const std::string& v) { requireNonEmpty(v); s.buzzer.buttonLine = v; }},
        {"buzzer.button_active_low", [](Settings& s, const std::string& v) { s.buzzer.buttonActiveLow = boolean(v); }},
        {"buzzer.button_debounce", [](Settings& s, const std::string& v) { s.buzzer.buttonDebounceMs = durationIn(v, {1, 5000}); }},
        {"email.timeout", [](Settings& s, const std::string& v) { s.email.timeoutMs = durationIn(v, {1000, 300000}); }},
    };
    return keys;
}

// Keys whose value names a file holding a secret; the secret goes where the inline key would put it.
const std::map<std::string, std::string>& secretFileKeys()
{
    static const std::map<std::string, std::string> keys = {
        {"webhook.bearer_token_file", "webhook.bearer_token"},
        {"webhook.basic_password_file", "webhook.basic_password"},
        {"slack.webhook_url_file", "slack.webhook_url"},
        {"email.password_file", "email.password"},
    };
    return keys;
}

class Validation
{
public:
    explicit Validation(std::string file) : _file(std::move(file)) {}

    void problem(const std::string& key, const std::string& reason)
    {
        _problems.push_back(_file + ": " + key + ": " + reason);
    }

    void apply(const std::string& key, const std::function<void()>& action)
    {
        try
        {
            action();
        }
        catch (const std::invalid_argument& e)
        {
            problem(key, e.what());
        }
    }

    void throwIfAny() const
    {
        if (!_problems.empty())
            throw ConfigError(_problems);
    }

private:
    std::string _file;
    std::vector<std::string> _problems;
};

// Every key of the file, as "section.key". Poco reports an empty name part at the top level (a key
// or [section] starting with '.') as the key "", which names the top level itself: descending into
// it would never end, and no lookup can reach the keys below it, so it is refused as a whole.
void collectKeys(const Poco::Util::AbstractConfiguration& config, const std::string& prefix,
                 std::vector<std::string>& out, Validation& validation)
{
    Poco::Util::AbstractConfiguration::Keys keys;
    config.keys(prefix, keys);
    for (const auto& key : keys)
    {
        if (prefix.empty() && key.empty())
        {
            validation.problem(".", "a key or [section] name must not start with '.'");
            continue;
        }
        std::string full = prefix.empty() ? key : prefix + "." + key;
        Poco::Util::AbstractConfiguration::Keys children;
        config.keys(full, children);
        if (children.empty())
            out.push_back(full);
        else
            collectKeys(config, full, out, validation);
    }
}

std::string resolveAgainst(const std::string& iniFile, const std::string& path)
{
    Poco::Path p(path);
    if (p.isAbsolute())
        return path;
    return Poco::Path(Poco::Path(iniFile).absolute().parent(), p).toString();
}

void applyKey(Settings& s, Validation& v, const std::string& iniFile, const std::string& key,
              const std::string& value)
{
    auto inlineKey = inlineKeys().find(key);
    if (inlineKey != inlineKeys().end())
    {
        v.apply(key, [&] { inlineKey->second(s, value); });
        return;
    }
    const std::string patternPrefix = "buzzer.pattern.";
    if (key.rfind(patternPrefix, 0) == 0)
    {
        v.apply(key, [&] { applyBuzzerPattern(s, key.substr(patternPrefix.size()), value); });
        return;
    }
    auto fileKey = secretFileKeys().find(key);
    if (fileKey != secretFileKeys().end())
    {
        v.apply(key,
                [&] { inlineKeys().at(fileKey->second)(s, readSecretFile(resolveAgainst(iniFile, value))); });
        return;
    }
    // [lamp] <severity> = LAMP:MODE,...: any severity name may get lamps; "" shows nothing for it.
    if (key.rfind("lamp.", 0) == 0 && key.find('.', 5) == std::string::npos)
    {
        v.apply(key, [&] {
            TowerState::parse(value);
            s.lamp.severities[key.substr(5)] = value;
        });
        return;
    }
    v.problem(key, "unknown key");
}

template <typename Has> void checkEmail(const Settings::Email& e, Validation& v, Has has)
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

template <typename Has> void checkBuzzer(const Settings::Buzzer& b, Validation& v, Has has)
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

void checkCombinations(const Settings& s, Validation& v, const std::vector<std::string>& keys)
{
    auto has = [&](const std::string& k) { return std::find(keys.begin(), keys.end(), k) != keys.end(); };
    for (const auto& [fileKey, inlineKey] : secretFileKeys())
        if (has(fileKey) && has(inlineKey))
            v.problem(fileKey, "set either " + inlineKey + " or " + fileKey + ", not both");
    if (s.webhook.basicUsername.empty() != s.webhook.basicPassword.empty())
        v.problem("webhook.basic_username", "basic authentication needs both a user name and a password");
    checkEmail(s.email, v, has);
    if (!s.tower.enabled() && (has("tower.protocol") || has("tower.port") || has("tower.model")))
        v.problem("tower.host", "missing: the [tower] needs the tower's address");
    checkBuzzer(s.buzzer, v, has);
    checkSoundNames(s, v);
}

Poco::AutoPtr<Poco::Util::IniFileConfiguration> openIni(const std::string& iniFile)
{
    std::ifstream probe(iniFile);
    if (!probe)
        throw ConfigError({iniFile + ": cannot open the file"});
    try
    {
        return Poco::makeAuto<Poco::Util::IniFileConfiguration>(iniFile);
    }
    catch (const Poco::Exception& e)
    {
        throw ConfigError({iniFile + ": " + e.displayText()});
    }
}

} // namespace

Settings SettingsLoader::defaults()
{
    return Settings{};
}

Settings SettingsLoader::load(const std::string& iniFile)
{
    auto config = openIni(iniFile);
    Validation validation(iniFile);
    std::vector<std::string> keys;
    collectKeys(*config, "", keys, validation);
    Settings settings = defaults();
    settings.sourceFile = iniFile;
    for (const auto& key : keys)
        applyKey(settings, validation, iniFile, key, config->getRawString(key));
    checkCombinations(settings, validation, keys);
    validation.throwIfAny();
    if (Poco::Path(settings.store.path).isRelative())
        settings.store.path = resolveAgainst(iniFile, settings.store.path);
    return settings;
}

} // namespace AlertGate
