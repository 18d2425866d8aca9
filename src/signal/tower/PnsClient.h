#pragma once

#include "signal/tower/PatliteClient.h"
#include "signal/tower/PnsFrame.h"

#include <chrono>
#include <cstdint>
#include <string>

namespace AlertGate {

/// PATLITE's PNS over TCP (default port 10000): one connection per command, the `S` frame of the tower's
/// model (NH or LA6) with the complete state, then the one-byte ACK/NAK read before anything else is sent.
class PnsClient : public PatliteClient
{
public:
    PnsClient(std::string host, std::uint16_t port, std::chrono::milliseconds timeout,
              PnsFrame::Model model = PnsFrame::Model::NH);

    TowerAnswer apply(const TowerState& state) override;
    std::string describe() const override;

private:
    std::string _host;
    std::uint16_t _port;
    std::chrono::milliseconds _timeout;
    PnsFrame _frame;
};

} // namespace AlertGate
