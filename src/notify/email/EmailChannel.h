#pragma once

#include "config/Settings.h"
#include "core/Clock.h"
#include "notify/Channel.h"
#include "notify/Template.h"
#include "notify/email/MimeMessage.h"
#include "notify/email/SmtpClient.h"

#include <random>

namespace AlertGate {

/// E-mail over SMTP: subject, text and HTML rendered from their templates, sent as one
/// multipart/alternative message to every configured recipient.
class EmailChannel : public Channel
{
public:
    struct Templates
    {
        Template subject;
        Template text;
        Template html;
    };

    EmailChannel(const Settings::Email& settings, Templates templates, const Clock& clock);

    const std::string& name() const override { return _name; }
    DeliveryResult deliver(const Notification& notification, const std::vector<Alert>& alerts) override;
    DeliveryResult deliverInEpisode(const Notification& notification, const std::vector<Alert>& alerts,
                                    const Episode& episode) override;
    /// Threads the mail: a stable Message-ID per notification, and for every mail after the episode's
    /// first, In-Reply-To and References naming that first mail.

    MimeMessage message(const Notification& notification, const std::vector<Alert>& alerts);
    /// The message deliver() sends (tests and `alertgate test-notify` look at it).
    DeliveryResult send(const MimeMessage& message);
    void abort() override { _smtp.abort(); }

    std::string messageIdOf(std::int64_t notificationId, std::int64_t receivedAtMicros,
                            const std::string& groupKey) const;
    /// The Message-ID of a notification's mail: the same on every attempt (so a mail sent twice is seen
    /// as one by mail clients) and unique across databases (the receipt time and group are in it).

private:
    std::string _name = "email";
    const Settings::Email& _settings;
    Templates _templates;
    const Clock& _clock;
    std::string _host;
    SmtpClient _smtp;
    std::mt19937_64 _random{std::random_device{}()};
};

} // namespace AlertGate
