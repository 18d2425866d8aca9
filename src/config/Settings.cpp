#include "config/Settings.h"

namespace AlertGate {

std::uint16_t Settings::Email::port() const
{
    if (smtpPort != 0)
        return smtpPort;
    return security == "tls" ? 465 : security == "none" ? 25 : 587;
}

std::optional<BuzzerPattern> Settings::Buzzer::pattern(const std::string& name) const
{
    for (const auto& candidate : patterns)
        if (candidate.name == name)
            return candidate;
    return std::nullopt;
}

} // namespace AlertGate
