#include "app/Watchdog.h"

#include "app/Systemd.h"
#include "http/server/ReachableAddress.h"

#include <Poco/Logger.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>

namespace AlertGate {

Watchdog::Watchdog(Poco::Net::SocketAddress server, std::chrono::microseconds interval)
    : _server(reachableAddress(server)), _interval(interval)
{
}

Watchdog::~Watchdog()
{
    stop();
}

void Watchdog::start()
{
    _thread.start(*this);
}

void Watchdog::stop()
{
    _stop.set();
    if (_thread.isRunning())
        _thread.join();
}

void Watchdog::run()
{
    long periodMs =
        static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(_interval / 2).count());
    do
    {
        if (serverAnswers())
            Systemd::notify("WATCHDOG=1");
        else
            Poco::Logger::get("watchdog")
                .warning("the HTTP server did not answer /-/healthy; not pinging systemd");
    } while (!_stop.tryWait(std::max(periodMs, 1L)));
}

bool Watchdog::serverAnswers() const
{
    try
    {
        Poco::Net::HTTPClientSession session(_server);
        session.setTimeout(
            Poco::Timespan(std::chrono::duration_cast<std::chrono::microseconds>(_interval / 4).count()));
        Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, "/-/healthy",
                                       Poco::Net::HTTPMessage::HTTP_1_1);
        session.sendRequest(request);
        Poco::Net::HTTPResponse response;
        session.receiveResponse(response).ignore(1024);
        return response.getStatus() == Poco::Net::HTTPResponse::HTTP_OK;
    }
    catch (const Poco::Exception&)
    {
        return false;
    }
}

} // namespace AlertGate
