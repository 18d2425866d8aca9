#include "http/Authenticator.h"

#include "core/Base64.h"

#include <Poco/String.h>

#include <sstream>

namespace AlertGate {

namespace {

// Splits "Scheme credentials"; the scheme is case-insensitive (RFC 9110, 11.1).
bool splitHeader(const std::string& header, std::string& scheme, std::string& credentials)
{
    auto space = header.find(' ');
    if (space == std::string::npos)
        return false;
    scheme = Poco::toLower(header.substr(0, space));
    credentials = Poco::trim(header.substr(space + 1));
    return true;
}

} // namespace

bool constantTimeEquals(const std::string& a, const std::string& b)
{
    // Walks the expected length whatever the input's length, so neither leaks through timing.
    unsigned char difference = a.size() == b.size() ? 0 : 1;
    for (std::size_t i = 0; i < b.size(); ++i)
        difference |= static_cast<unsigned char>((i < a.size() ? a[i] : 0) ^ b[i]);
    return difference == 0;
}

Authenticator::Authenticator(const Settings::Webhook& settings)
{
    replace(settings);
}

void Authenticator::replace(const Settings::Webhook& settings)
{
    std::string basic = settings.basicUsername.empty()
                            ? std::string()
                            : base64(settings.basicUsername + ":" + settings.basicPassword);
    std::lock_guard<std::mutex> lock(_mutex);
    _bearer = settings.bearerToken;
    _basic = basic;
}

bool Authenticator::required() const
{
    std::lock_guard<std::mutex> lock(_mutex);
    return !_bearer.empty() || !_basic.empty();
}

bool Authenticator::allows(const std::string& header) const
{
    std::lock_guard<std::mutex> lock(_mutex);
    if (_bearer.empty() && _basic.empty())
        return true;
    std::string scheme, credentials;
    if (!splitHeader(header, scheme, credentials))
        return false;
    bool bearerOk = !_bearer.empty() && scheme == "bearer" && constantTimeEquals(credentials, _bearer);
    bool basicOk = !_basic.empty() && scheme == "basic" && constantTimeEquals(credentials, _basic);
    return bearerOk || basicOk;
}

std::string Authenticator::challenge() const
{
    std::lock_guard<std::mutex> lock(_mutex);
    // Basic whenever it is configured: a browser (the status page) can answer only that challenge, and
    // Alertmanager sends its credentials without waiting for one.
    return !_basic.empty() || _bearer.empty() ? "Basic realm=\"alertgate\"" : "Bearer realm=\"alertgate\"";
}

} // namespace AlertGate
