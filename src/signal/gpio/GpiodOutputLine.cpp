#include "signal/gpio/GpiodOutputLine.h"

namespace AlertGate {

GpiodOutputLine::GpiodOutputLine(const std::string& chip, const std::string& line, int initialLevel)
    : _request(chip, line, GpiodRequest::Direction::Output, initialLevel)
{
}

void GpiodOutputLine::setLevel(int level)
{
    _request.setLevel(level);
}

} // namespace AlertGate
