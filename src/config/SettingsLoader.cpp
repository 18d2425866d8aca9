#include "config/SettingsLoader.h"

#include "config/ConfigError.h"
#include "config/SecretFile.h"
#include "config/Units.h"
#include "core/Printable.h"

#include <Poco/AutoPtr.h>
#include <Poco/Net/IPAddress.h>
#include <Poco/NumberParser.h>
#include <Poco/Path.h>
#include <Poco/Util/IniFileConfiguration.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <map>
#include <stdexcept>
#include <vector>

namespace AlertGate
{

namespace
{

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
    };
    return keys;
}

// Keys whose value names a file holding a secret; the secret goes where the inline key would put it.
const std::map<std::string, std::string>& secretFileKeys()
{
    static const std::map<std::string, std::string> keys = {
        {"webhook.bearer_token_file", "webhook.bearer_token"},
        {"webhook.basic_password_file", "webhook.basic_password"},
    };
    return keys;
}

void collectKeys(const Poco::Util::AbstractConfiguration& config, const std::string& prefix,
                 std::vector<std::string>& out)
{
    Poco::Util::AbstractConfiguration::Keys keys;
    config.keys(prefix, keys);
    for (const auto& key : keys)
    {
        std::string full = prefix.empty() ? key : prefix + "." + key;
        Poco::Util::AbstractConfiguration::Keys children;
        config.keys(full, children);
        if (children.empty())
            out.push_back(full);
        else
            collectKeys(config, full, out);
    }
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
    auto fileKey = secretFileKeys().find(key);
    if (fileKey != secretFileKeys().end())
    {
        v.apply(key,
                [&] { inlineKeys().at(fileKey->second)(s, readSecretFile(resolveAgainst(iniFile, value))); });
        return;
    }
    v.problem(key, "unknown key");
}

void checkCombinations(const Settings& s, Validation& v, const std::vector<std::string>& keys)
{
    auto has = [&](const std::string& k) { return std::find(keys.begin(), keys.end(), k) != keys.end(); };
    for (const auto& [fileKey, inlineKey] : secretFileKeys())
        if (has(fileKey) && has(inlineKey))
            v.problem(fileKey, "set either " + inlineKey + " or " + fileKey + ", not both");
    if (s.webhook.basicUsername.empty() != s.webhook.basicPassword.empty())
        v.problem("webhook.basic_username", "basic authentication needs both a user name and a password");
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
    std::vector<std::string> keys;
    collectKeys(*config, "", keys);
    Settings settings = defaults();
    settings.sourceFile = iniFile;
    Validation validation(iniFile);
    for (const auto& key : keys)
        applyKey(settings, validation, iniFile, key, config->getRawString(key));
    checkCombinations(settings, validation, keys);
    validation.throwIfAny();
    if (Poco::Path(settings.store.path).isRelative())
        settings.store.path = resolveAgainst(iniFile, settings.store.path);
    return settings;
}

} // namespace AlertGate
