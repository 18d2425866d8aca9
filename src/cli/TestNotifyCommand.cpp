#include "cli/TestNotifyCommand.h"

#include "config/ConfigError.h"
#include "config/SettingsLoader.h"
#include "core/Clock.h"
#include "core/Rfc3339.h"
#include "notify/Channels.h"

namespace AlertGate {

namespace {

Notification sample(std::int64_t nowMicros)
{
    Alert alert;
    alert.status = "firing";
    alert.labels = {{"alertname", "AlertgateTest"}, {"instance", "alertgate"}, {"severity", "warning"}};
    alert.annotations = {
        {"summary", "alertgate test notification"},
        {"description", "Sent by `alertgate test-notify` to check this channel. Nothing is wrong."}};
    alert.startsAt = Rfc3339::formatMicros(nowMicros);
    alert.fingerprint = "0000000000000000";
    Notification n;
    n.version = "4";
    n.status = "firing";
    n.receiver = "alertgate-test";
    n.groupKey = "{}:{alertname=\"AlertgateTest\"}";
    n.groupLabels = {{"alertname", "AlertgateTest"}};
    n.commonLabels = alert.labels;
    n.alerts = {alert};
    return n;
}

const char* outcomeName(DeliveryResult::Outcome outcome)
{
    switch (outcome)
    {
    case DeliveryResult::Outcome::Delivered: return "delivered";
    case DeliveryResult::Outcome::Dead: return "refused (would not be retried)";
    default: return "failed (would be retried)";
    }
}

} // namespace

int TestNotifyCommand::run(const CommandLine& line, std::ostream& out, std::ostream& err)
{
    if (line.arguments.size() != 1 || !line.options.empty())
    {
        err << "usage: alertgate test-notify slack|email [--config FILE]\n";
        return 2;
    }
    const std::string& name = line.arguments.front();
    try
    {
        Settings settings =
            line.configFile.empty() ? SettingsLoader::defaults() : SettingsLoader::load(line.configFile);
        SystemClock clock;
        Channels channels(settings, clock);
        Channel* channel = channels.find(name);
        if (!channel)
        {
            err << "alertgate test-notify: the " << name << " channel is not configured"
                << (settings.sourceFile.empty() ? " (no --config given)" : " in " + settings.sourceFile)
                << '\n';
            return 1;
        }
        Notification notification = sample(clock.nowMicros());
        DeliveryResult result = channel->deliver(notification, notification.alerts);
        out << name << ": " << outcomeName(result.outcome) << ": " << result.detail << '\n';
        return result.outcome == DeliveryResult::Outcome::Delivered ? 0 : 1;
    }
    catch (const ConfigError& e)
    {
        err << e.what() << '\n';
        return 1;
    }
}

} // namespace AlertGate
