#include "signal/tower/PnsFrame.h"

#include "core/ValueError.h"

namespace AlertGate {

namespace {

// The LA6's `G` answer: 8 input bytes and the mode byte come before the tiers and the buzzer.
constexpr std::size_t kLa6StatusSize = 15;
constexpr std::size_t kLa6StatusOffset = 9;

char la6Value(std::size_t position, char digit)
{
    bool buzzer = position + 1 == TowerState::Positions;
    if (!buzzer && digit == 3)
        return 2;
    if (buzzer && (digit == 3 || digit == 4))
        return 2;
    return digit;
}

} // namespace

PnsFrame::PnsFrame(Model model) : _model(model) {}

PnsFrame::Model PnsFrame::model(const std::string& name)
{
    if (name == "nh")
        return Model::NH;
    if (name == "la6")
        return Model::LA6;
    throw ValueError("unknown PATLITE model \"" + name + "\" (nh or la6)");
}

std::string PnsFrame::frame(char command, const std::string& data) const
{
    std::string out = _model == Model::LA6 ? "AB" : "XX";
    out += {command, '\0'};
    out.push_back(static_cast<char>((data.size() >> 8) & 0xFF));
    out.push_back(static_cast<char>(data.size() & 0xFF));
    return out + data;
}

std::string PnsFrame::set(const TowerState& state) const
{
    std::string data;
    const std::string digits = state.digits();
    for (std::size_t position = 0; position < digits.size(); ++position)
    {
        char value = static_cast<char>(digits[position] - '0');
        data.push_back(_model == Model::LA6 ? la6Value(position, value) : value);
    }
    return frame('S', data);
}

std::string PnsFrame::get() const
{
    return frame('G', "");
}

std::string PnsFrame::clear() const
{
    return frame('C', "");
}

std::optional<TowerState> PnsFrame::parseStatus(const std::string& reply) const
{
    std::string bytes = reply;
    if (_model == Model::LA6)
    {
        if (reply.size() != kLa6StatusSize)
            return std::nullopt;
        bytes = reply.substr(kLa6StatusOffset);
    }
    if (bytes.size() != TowerState::Positions)
        return std::nullopt;
    std::string digits;
    for (char byte : bytes)
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
