#pragma once

#include "signal/tower/PatliteClient.h"

#include <chrono>
#include <cstdint>
#include <string>

namespace AlertGate {

/// The NH series' HTTP control: `GET /api/control?alert=RYGBCZ`. The tower answers 200 even when it
/// refuses, so the body decides: `Success.` or `Error. [NNN]` (also `Error.NNN`); 002 on a unit whose
/// HTTP control is not enabled.
class PatliteHttpClient : public PatliteClient
{
public:
    PatliteHttpClient(std::string host, std::uint16_t port, std::chrono::milliseconds timeout);

    TowerAnswer apply(const TowerState& state) override;
    std::string describe() const override;

    static TowerAnswer interpret(int status, const std::string& body);
    /// The meaning of one answer, without the network.

private:
    std::string _host;
    std::uint16_t _port;
    std::chrono::milliseconds _timeout;
};

} // namespace AlertGate
