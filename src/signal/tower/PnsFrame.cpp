#include "signal/tower/PnsFrame.h"

#include "core/ValueError.h"

#include <stdexcept>

namespace AlertGate {

std::string PnsFrame::frame(char command, const std::string& data)
{
    std::string out{'X', 'X', command, '\0'};
    out.push_back(static_cast<char>((data.size() >> 8) & 0xFF));
    out.push_back(static_cast<char>(data.size() & 0xFF));
    return out + data;
}

std::string PnsFrame::set(const TowerState& state)
{
    std::string data;
    for (char digit : state.digits())
        data.push_back(static_cast<char>(digit - '0'));
    return frame('S', data);
}

std::string PnsFrame::get()
{
    return frame('G', "");
}

std::string PnsFrame::clear()
{
    return frame('C', "");
}

std::optional<TowerState> PnsFrame::parseStatus(const std::string& reply)
{
    if (reply.size() != TowerState::Positions)
        return std::nullopt;
    std::string digits;
    for (char byte : reply)
        digits.push_back(static_cast<char>('0' + static_cast<unsigned char>(byte)));
    try
    {
        return TowerState::fromDigits(digits);
    }
    catch (const ValueError&)
    {
        return std::nullopt;
    }
}

} // namespace AlertGate
