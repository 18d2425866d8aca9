#include "notify/email/EmailChannel.h"

#include "notify/TemplateData.h"
#include "notify/TlsContext.h"

#include <Poco/DigestEngine.h>
#include <Poco/Environment.h>
#include <Poco/SHA1Engine.h>

#include <cctype>
#include <cstdio>

namespace AlertGate {

namespace {

// A name usable in Message-ID and EHLO: letters, digits, dots and hyphens only.
std::string hostName()
{
    std::string name;
    for (char c : Poco::Environment::nodeName())
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-')
            name += c;
    return name.empty() ? "alertgate" : name;
}

std::string hex(std::uint64_t value)
{
    char buffer[17];
    std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(value));
    return buffer;
}

} // namespace

EmailChannel::EmailChannel(const Settings::Email& settings, Templates templates, const Clock& clock)
    : _settings(settings), _templates(std::move(templates)), _clock(clock), _host(hostName()),
      _smtp(settings, TlsContext::client(settings.caFile), _host)
{
}

MimeMessage EmailChannel::message(const Notification& notification, const std::vector<Alert>& alerts)
{
    std::int64_t now = _clock.nowMicros();
    auto data = TemplateData::message(notification, alerts, now);
    MimeMessage mail;
    mail.from = _settings.from;
    mail.to = _settings.to;
    mail.subject = _templates.subject.render(data);
    mail.text = _templates.text.render(data);
    mail.html = _templates.html.render(data);
    mail.messageId = hex(_random()) + "." + std::to_string(now / 1000000) + "@" + _host;
    mail.boundary = "alertgate-" + hex(_random()) + hex(_random());
    mail.dateMicros = now;
    return mail;
}

DeliveryResult EmailChannel::send(const MimeMessage& message)
{
    return _smtp.send(message.compose());
}

DeliveryResult EmailChannel::deliver(const Notification& notification, const std::vector<Alert>& alerts)
{
    return send(message(notification, alerts));
}

std::string EmailChannel::messageIdOf(std::int64_t notificationId, std::int64_t receivedAtMicros,
                                      const std::string& groupKey) const
{
    Poco::SHA1Engine sha1;
    sha1.update(groupKey);
    std::string group = Poco::DigestEngine::digestToHex(sha1.digest()).substr(0, 16);
    return "alertgate." + std::to_string(notificationId) + "." + std::to_string(receivedAtMicros) + "." +
           group + "@" + _host;
}

DeliveryResult EmailChannel::deliverInEpisode(const Notification& notification,
                                              const std::vector<Alert>& alerts, const Episode& episode)
{
    MimeMessage mail = message(notification, alerts);
    mail.messageId = messageIdOf(episode.notificationId, episode.receivedAtMicros, episode.groupKey);
    if (!episode.isFirst())
        mail.inReplyTo =
            messageIdOf(episode.firstNotificationId, episode.firstReceivedAtMicros, episode.groupKey);
    return send(mail);
}

} // namespace AlertGate
