#pragma once

#include "core/ValueError.h"

#include <array>
#include <string>

namespace AlertGate {

/// What a PATLITE NH tower shows: one digit per lamp (red, yellow, green, blue, white) and one for
/// the tower's own buzzer, in the order of `alert=RYGBCZ` (PATLITE.md). Lamp digits: 0 off, 1 on,
/// 2 flashing pattern 1, 3 flashing pattern 2; buzzer digit: 0 stop, 1-4 buzzer pattern.
class TowerState
{
public:
    enum Position
    {
        Red,
        Yellow,
        Green,
        Blue,
        White,
        Buzzer,
        Positions
    };

    TowerState();
    /// All lamps off, buzzer stopped.

    static TowerState parse(const std::string& spec);
    /// "red:on, green:flash, buzzer:2" (lamps: red, yellow, green, blue, white with off, on, flash,
    /// flash2; buzzer: 0-4); unnamed positions are off, "" is all off. Throws ValueError.

    static TowerState fromDigits(const std::string& digits);
    /// Six digits as in `alert=`, each within its position's range. Throws ValueError.

    TowerState combined(const TowerState& other) const;
    /// The stronger of the two per position (flashing 2 > 1 > on > off), so no alert hides another.

    char digit(Position position) const { return _digits[position]; }
    void set(Position position, char digit);

    std::string digits() const;
    /// "RYGBCZ", e.g. "100000".

    bool operator==(const TowerState& other) const { return _digits == other._digits; }
    bool operator!=(const TowerState& other) const { return !(*this == other); }

private:
    std::array<char, Positions> _digits;
};

} // namespace AlertGate
