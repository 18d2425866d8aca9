#pragma once

#include "notify/Channel.h"

#include <memory>
#include <mutex>

namespace AlertGate {

/// A channel whose implementation a configuration reload can replace while its dispatcher runs. A
/// delivery holds the implementation it started with until it ends; the next one takes the newest.
/// The name never changes: the outbox rows and metrics of a channel stay its own.
class SwappableChannel : public Channel
{
public:
    explicit SwappableChannel(std::shared_ptr<Channel> channel);

    const std::string& name() const override { return _name; }
    DeliveryResult deliver(const Notification& notification, const std::vector<Alert>& alerts) override;
    DeliveryResult deliverInEpisode(const Notification& notification, const std::vector<Alert>& alerts,
                                    const Episode& episode) override;

    void abort() override;
    /// Ends the delivery under way (with the implementation it started with) and any later one.

    void replace(std::shared_ptr<Channel> channel);
    /// From the next delivery on, channel delivers (one of the same name). Thread-safe.

private:
    std::shared_ptr<Channel> current() const;
    template <typename Send> DeliveryResult delivering(Send send);

    const std::string _name;
    mutable std::mutex _mutex; /// Guards _channel and _delivering; never held during a delivery.
    std::shared_ptr<Channel> _channel;
    std::shared_ptr<Channel> _delivering; /// The implementation of the delivery under way, if any.
};

} // namespace AlertGate
