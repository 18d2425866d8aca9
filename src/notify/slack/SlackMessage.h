#pragma once

#include "core/Notification.h"
#include "notify/Template.h"

#include <cstdint>
#include <string>
#include <vector>

namespace AlertGate {

/// Renders a notification's alerts as a Slack Incoming Webhook payload: `text` from the title
/// template, one attachment per alert (colour by severity, green when resolved, a link to its
/// source) with the alert template's text. The JSON is built by a serializer and templates fill
/// only string fields, so no annotation can break it. Slack's limits are kept with a visible note:
/// each text at most 3 000 characters, all texts together under 40 000.
class SlackMessage
{
public:
    static constexpr std::size_t kMaxFieldChars = 3000;
    static constexpr std::size_t kMaxTotalChars = 38000;

    SlackMessage(Template title, Template alert);

    std::string render(const Notification& notification, const std::vector<Alert>& alerts,
                       std::int64_t nowMicros) const;

private:
    Template _title;
    Template _alert;
};

std::string cutToChars(const std::string& text, std::size_t maxChars, const std::string& note);
/// text, or its first characters (UTF-8 aware) followed by note when it has more than maxChars. The cut
/// never splits one of Slack's entities (&amp; &lt; &gt;): it moves to before the entity.

} // namespace AlertGate
