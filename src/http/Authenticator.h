#pragma once

#include "config/Settings.h"

#include <mutex>
#include <string>

namespace AlertGate {

/// Checks the Authorization header the way Alertmanager's http_config sends it: "Bearer <token>"
/// (authorization.credentials) and/or "Basic base64(user:password)" (basic_auth). With neither
/// configured every request is allowed. Comparisons take the same time wherever they differ.
class Authenticator
{
public:
    explicit Authenticator(const Settings::Webhook& settings);

    void replace(const Settings::Webhook& settings);
    /// Takes new credentials (SIGHUP reload) while requests are being checked.

    bool required() const;
    /// True when credentials are configured.
    bool allows(const std::string& authorizationHeader) const;
    std::string challenge() const;
    /// The WWW-Authenticate value for a 401: Basic when basic credentials are configured (so that a
    /// browser asks for them), Bearer otherwise.

private:
    mutable std::mutex _mutex;
    std::string _bearer; /// The token.
    std::string _basic;  /// base64(user:password), as it appears in the header.
};

bool constantTimeEquals(const std::string& a, const std::string& b);
/// Compares without an early exit, so the time taken does not reveal how much of a secret matched.

} // namespace AlertGate
