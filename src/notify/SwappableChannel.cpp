#include "notify/SwappableChannel.h"

#include <stdexcept>

namespace AlertGate {

SwappableChannel::SwappableChannel(std::shared_ptr<Channel> channel)
    : _name(channel->name()), _channel(std::move(channel))
{
}

DeliveryResult SwappableChannel::deliver(const Notification& notification, const std::vector<Alert>& alerts)
{
    auto channel = current();
    struct Delivering // Also when rendering throws.
    {
        SwappableChannel& self;
        ~Delivering()
        {
            std::lock_guard<std::mutex> lock(self._mutex);
            self._delivering.reset();
        }
    } delivering{*this};
    {
        std::lock_guard<std::mutex> lock(_mutex);
        _delivering = channel;
    }
    return channel->deliver(notification, alerts);
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
