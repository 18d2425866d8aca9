#pragma once

#include "core/TowerState.h"

#include <optional>
#include <string>

namespace AlertGate {

/// PATLITE's PNS protocol (PATLITE.md): a 2-byte product code, a command letter, 0x00, the data size as
/// big-endian uint16, the data. The tower answers ACK 0x06 / NAK 0x15, or status bytes for `G`. The NH
/// series' product code is "XX"; the LA6's is "AB", its digits are tiers top to bottom (the state's six
/// positions in order) and it knows one flash pattern and two buzzer patterns.
class PnsFrame
{
public:
    enum class Model
    {
        NH, ///< NH series (NHP, NHB, NHL, NHV...): "XX".
        LA6 ///< LA6-POE: "AB".
    };

    static constexpr unsigned char ACK = 0x06;
    static constexpr unsigned char NAK = 0x15;

    explicit PnsFrame(Model model);

    static Model model(const std::string& name);
    /// "nh" or "la6" ([tower] model); throws ValueError for anything else.

    std::string set(const TowerState& state) const;
    /// `S` with six data bytes. NH: 58 58 53 00 00 06 R Y G B W Z, values 0-4 as the digits.
    /// LA6: 41 42 53 00 00 06 T1..T5 Z, flash pattern 2 sent as the LA6's flash (2) and buzzer patterns
    /// 3 and 4 as its pattern 2 (its 3 means "follow the buzzer input").
    std::string get() const;
    /// `G`: 58 58 47 00 00 00 (NH; the answer is six bytes R Y G B W Z) or 41 42 47 00 00 00 (LA6; the
    /// answer is fifteen bytes: inputs 1-8, mode, tiers 1-5, buzzer).
    std::string clear() const;
    /// `C`: 58 58 43 00 00 00 or 41 42 43 00 00 00.

    std::optional<TowerState> parseStatus(const std::string& reply) const;
    /// The lamp and buzzer bytes of a `G` answer of this model; nothing for any other reply.

private:
    std::string frame(char command, const std::string& data) const;

    Model _model;
};

} // namespace AlertGate
