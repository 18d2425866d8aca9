// libFuzzer target: the webhook body parser. Every input either becomes a Notification that keeps
// the parser's promises (checked below) or is refused with PayloadError, the answer 400 is made
// of. Any other exception, a crash or a sanitizer report is a finding.
#include "FuzzCheck.h"
#include "FuzzTargets.h"

#include "core/PayloadError.h"
#include "core/PayloadParser.h"
#include "core/Rfc3339.h"
#include "core/Utf8.h"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>

namespace AlertGate::Fuzz {

namespace {

bool isStatus(const std::string& status)
{
    return status == "firing" || status == "resolved";
}

bool isFingerprint(const std::string& text)
{
    return !text.empty() && text.size() <= 64 &&
           text.find_first_not_of("0123456789abcdefABCDEF") == std::string::npos;
}

// Labels and annotations reach SQLite, JSON answers, Slack and e-mail: all of them need UTF-8.
bool isUtf8(const LabelSet& set)
{
    for (const auto& [name, value] : set)
        if (!isValidUtf8(name) || !isValidUtf8(value))
            return false;
    return true;
}

void checkAlert(const Alert& alert)
{
    requireThat(isStatus(alert.status), "alert status is firing or resolved");
    requireThat(isFingerprint(alert.fingerprint), "fingerprint is 1 to 64 hex digits");
    requireThat(isUtf8(alert.labels) && isUtf8(alert.annotations), "alert labels and annotations are UTF-8");
    requireThat(isValidUtf8(alert.generatorURL), "generatorURL is UTF-8");
    requireThat(Rfc3339::parseMicros(alert.startsAt).has_value(), "startsAt is an RFC 3339 time");
    requireThat(alert.endsAt.empty() || Rfc3339::parseMicros(alert.endsAt).has_value(),
                "endsAt is empty or an RFC 3339 time");
}

void checkNotification(const Notification& n, const std::string& body)
{
    requireThat(n.version == "4", "version is 4");
    requireThat(isStatus(n.status), "status is firing or resolved");
    requireThat(isValidUtf8(n.receiver) && isValidUtf8(n.groupKey) && isValidUtf8(n.externalURL),
                "receiver, groupKey and externalURL are UTF-8");
    requireThat(isUtf8(n.groupLabels) && isUtf8(n.commonLabels) && isUtf8(n.commonAnnotations),
                "group and common labels are UTF-8");
    requireThat(n.truncatedAlerts <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()),
                "truncatedAlerts fits SQLite's signed 64 bits");
    requireThat(n.rawPayload == body, "rawPayload is the body as received");
    for (const auto& alert : n.alerts)
        checkAlert(alert);
}

} // namespace

void fuzzPayload(const std::string& body)
{
    try
    {
        checkNotification(PayloadParser::parse(body), body);
    }
    catch (const PayloadError&)
    {
        // Refused with a reason: the 400 answer.
    }
}

} // namespace AlertGate::Fuzz
