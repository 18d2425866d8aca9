#include "notify/SwappableChannel.h"

#include <stdexcept>

namespace AlertGate {

SwappableChannel::SwappableChannel(std::shared_ptr<Channel> channel)
    : _name(channel->name()), _channel(std::move(channel))
{
}

DeliveryResult SwappableChannel::deliver(const Notification& notification, const std::vector<Alert>& alerts)
{
    return current()->deliver(notification, alerts);
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
