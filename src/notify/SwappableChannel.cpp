#include "notify/SwappableChannel.h"

#include <stdexcept>

namespace AlertGate {

SwappableChannel::SwappableChannel(std::shared_ptr<Channel> channel)
    : _name(channel->name()), _channel(std::move(channel))
{
}

// The implementation a delivery starts with is kept as the one under way until it ends (also when
// rendering throws), so abort() reaches it even after a reload replaced it.
template <typename Send> DeliveryResult SwappableChannel::delivering(Send send)
{
    auto channel = current();
    struct UnderWay
    {
        SwappableChannel& self;
        ~UnderWay()
        {
            std::lock_guard<std::mutex> lock(self._mutex);
            self._delivering.reset();
        }
    } underWay{*this};
    {
        std::lock_guard<std::mutex> lock(_mutex);
        _delivering = channel;
    }
    return send(*channel);
}

DeliveryResult SwappableChannel::deliver(const Notification& notification, const std::vector<Alert>& alerts)
{
    return delivering([&](Channel& channel) { return channel.deliver(notification, alerts); });
}

DeliveryResult SwappableChannel::deliverInEpisode(const Notification& notification,
                                                  const std::vector<Alert>& alerts, const Episode& episode)
{
    return delivering(
        [&](Channel& channel) { return channel.deliverInEpisode(notification, alerts, episode); });
}

void SwappableChannel::abort()
{
    std::shared_ptr<Channel> delivering, latest;
    {
        std::lock_guard<std::mutex> lock(_mutex);
        delivering = _delivering;
        latest = _channel;
    }
    if (delivering && delivering != latest)
        delivering->abort();
    latest->abort();
}

void SwappableChannel::replace(std::shared_ptr<Channel> channel)
{
    if (!channel || channel->name() != _name)
        throw std::logic_error("a " + _name + " channel can only be replaced by another " + _name +
                               " channel");
    std::lock_guard<std::mutex> lock(_mutex);
    _channel = std::move(channel);
}

std::shared_ptr<Channel> SwappableChannel::current() const
{
    std::lock_guard<std::mutex> lock(_mutex);
    return _channel;
}

} // namespace AlertGate
