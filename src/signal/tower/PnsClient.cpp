#include "signal/tower/PnsClient.h"

#include "signal/tower/PnsFrame.h"

#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include <cstdio>

namespace AlertGate {

PnsClient::PnsClient(std::string host, std::uint16_t port, std::chrono::milliseconds timeout,
                     PnsFrame::Model model)
    : _host(std::move(host)), _port(port), _timeout(timeout), _frame(model)
{
}

TowerAnswer PnsClient::apply(const TowerState& state)
{
    try
    {
        const Poco::Timespan timeout(std::chrono::microseconds(_timeout).count());
        Poco::Net::StreamSocket socket;
        socket.connect(Poco::Net::SocketAddress(_host, _port), timeout);
        socket.setSendTimeout(timeout);
        socket.setReceiveTimeout(timeout);
        const std::string frame = _frame.set(state);
        socket.sendBytes(frame.data(), static_cast<int>(frame.size()));
        unsigned char reply = 0;
        int received = socket.receiveBytes(&reply, 1);
        if (received != 1)
            return {false, "the tower closed the connection without answering", false};
        if (reply == PnsFrame::ACK)
            return {true, "", false};
        if (reply == PnsFrame::NAK)
            return {false, "the tower refused the command (NAK)", false};
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02x", reply);
        return {false, std::string("unexpected answer byte ") + hex, false};
    }
    catch (const Poco::Exception& e)
    {
        return {false, e.displayText(), false};
    }
}

std::string PnsClient::describe() const
{
    return "pns://" + _host + ":" + std::to_string(_port);
}

} // namespace AlertGate
