#pragma once

#include "core/TowerState.h"

#include <optional>
#include <string>

namespace AlertGate {

/// PATLITE's PNS protocol for NH towers (PATLITE.md): product code "XX", a command letter, 0x00, the data
/// size as big-endian uint16, the data. The tower answers ACK 0x06 / NAK 0x15, or status bytes for `G`.
class PnsFrame
{
public:
    static constexpr unsigned char ACK = 0x06;
    static constexpr unsigned char NAK = 0x15;

    static std::string set(const TowerState& state);
    /// `S` with the six digits as values 0-4: 58 58 53 00 00 06 R Y G B W Z.
    static std::string get();
    /// `G`: 58 58 47 00 00 00; the answer is six bytes R Y G B W Z.
    static std::string clear();
    /// `C`: 58 58 43 00 00 00.

    static std::optional<TowerState> parseStatus(const std::string& reply);
    /// The six status bytes of a `G` answer; nothing for any other reply.

private:
    static std::string frame(char command, const std::string& data);
};

} // namespace AlertGate
