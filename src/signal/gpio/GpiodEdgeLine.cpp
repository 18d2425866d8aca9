#include "signal/gpio/GpiodEdgeLine.h"

namespace AlertGate {

GpiodEdgeLine::GpiodEdgeLine(const std::string& chip, const std::string& line)
    : _request(chip, line, GpiodRequest::Direction::Input, 0)
{
}

std::optional<int> GpiodEdgeLine::waitEdge(std::chrono::milliseconds timeout)
{
    return _request.waitEdge(timeout);
}

} // namespace AlertGate
