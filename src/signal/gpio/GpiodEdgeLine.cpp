#include "signal/gpio/GpiodEdgeLine.h"

#include "core/Printable.h"
#include "signal/gpio/GpioError.h"

#include <gpiod.h>

#include <cerrno>
#include <cstring>

namespace AlertGate {

GpiodEdgeLine::GpiodEdgeLine(const std::string& chip, const std::string& line)
    : _chip(chip), _lineName(line), _line(_chip.line(line))
{
    if (gpiod_line_request_both_edges_events(_line, "alertgate") != 0)
        fail("cannot be requested for edge events");
}

GpiodEdgeLine::~GpiodEdgeLine()
{
    gpiod_line_release(_line);
}

std::optional<int> GpiodEdgeLine::waitEdge(std::chrono::milliseconds timeout)
{
    timespec wait{};
    wait.tv_sec = static_cast<time_t>(timeout.count() / 1000);
    wait.tv_nsec = static_cast<long>((timeout.count() % 1000) * 1000000);
    int ready = gpiod_line_event_wait(_line, &wait);
    if (ready < 0)
        fail("cannot be waited on");
    if (ready == 0)
        return std::nullopt;
    gpiod_line_event event{};
    if (gpiod_line_event_read(_line, &event) != 0)
        fail("cannot be read");
    return event.event_type == GPIOD_LINE_EVENT_RISING_EDGE ? 1 : 0;
}

void GpiodEdgeLine::fail(const std::string& what) const
{
    throw GpioError("GPIO line \"" + printable(_lineName) + "\" on chip \"" + printable(_chip.name()) +
                    "\" " + what + ": " + std::strerror(errno));
}

} // namespace AlertGate
