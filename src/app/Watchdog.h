#pragma once

#include <Poco/Event.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Runnable.h>
#include <Poco/Thread.h>

#include <chrono>

namespace AlertGate {

/// Pings systemd's watchdog at half its interval, but only while the HTTP server answers its own
/// /-/healthy: a wedged server stops the pings and systemd restarts the service.
class Watchdog : public Poco::Runnable
{
public:
    Watchdog(Poco::Net::SocketAddress server, std::chrono::microseconds interval);
    ~Watchdog() override;

    void start();
    void stop();
    void run() override;

private:
    bool serverAnswers() const;

    Poco::Net::SocketAddress _server;
    std::chrono::microseconds _interval;
    Poco::Event _stop;
    Poco::Thread _thread{"watchdog"};
};

} // namespace AlertGate
