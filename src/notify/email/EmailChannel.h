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

    MimeMessage message(const Notification& notification, const std::vector<Alert>& alerts);
    /// The message deliver() sends (tests and `alertgate test-notify` look at it).
    DeliveryResult send(const MimeMessage& message);
    void abort() override { _smtp.abort(); }

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
