#include "core/TowerState.h"

#include "core/Printable.h"
#include "core/ValueError.h"

#include <Poco/String.h>
#include <Poco/StringTokenizer.h>

#include <algorithm>
#include <stdexcept>

namespace AlertGate {

namespace {

const char* const NAMES[] = {"red", "yellow", "green", "blue", "white", "buzzer"};

TowerState::Position positionNamed(const std::string& name)
{
    for (int i = 0; i < TowerState::Positions; ++i)
        if (name == NAMES[i])
            return static_cast<TowerState::Position>(i);
    throw ValueError("unknown lamp \"" + printable(name, 20) +
                     "\" (expected red, yellow, green, blue, white or buzzer)");
}

char lampDigit(const std::string& mode)
{
    if (mode == "off")
        return '0';
    if (mode == "on")
        return '1';
    if (mode == "flash")
        return '2';
    if (mode == "flash2")
        return '3';
    throw ValueError("unknown lamp mode \"" + printable(mode, 20) + "\" (expected off, on, flash or flash2)");
}

char maxDigit(TowerState::Position position)
{
    return position == TowerState::Buzzer ? '4' : '3';
}

} // namespace

TowerState::TowerState()
{
    _digits.fill('0');
}

void TowerState::set(Position position, char digit)
{
    if (digit < '0' || digit > maxDigit(position))
        throw ValueError(std::string("invalid value for ") + NAMES[position] + " (expected 0-" +
                         maxDigit(position) + ")");
    _digits[position] = digit;
}

TowerState TowerState::parse(const std::string& spec)
{
    TowerState state;
    Poco::StringTokenizer parts(spec, ",",
                                Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
    for (const auto& part : parts)
    {
        auto colon = part.find(':');
        if (colon == std::string::npos)
            throw ValueError("expected LAMP:MODE such as red:on or green:flash, not \"" +
                             printable(part, 20) + "\"");
        Position position = positionNamed(Poco::trim(part.substr(0, colon)));
        std::string mode = Poco::trim(part.substr(colon + 1));
        if (position == Buzzer)
            state.set(position, mode.size() == 1 ? mode[0] : 'x');
        else
            state.set(position, lampDigit(mode));
    }
    return state;
}

TowerState TowerState::fromDigits(const std::string& digits)
{
    if (digits.size() != Positions)
        throw ValueError("expected six digits RYGBCZ");
    TowerState state;
    for (int i = 0; i < Positions; ++i)
        state.set(static_cast<Position>(i), digits[static_cast<std::size_t>(i)]);
    return state;
}

TowerState TowerState::combined(const TowerState& other) const
{
    TowerState result;
    for (std::size_t i = 0; i < _digits.size(); ++i)
        result._digits[i] = std::max(_digits[i], other._digits[i]);
    return result;
}

std::string TowerState::digits() const
{
    return std::string(_digits.begin(), _digits.end());
}

} // namespace AlertGate
