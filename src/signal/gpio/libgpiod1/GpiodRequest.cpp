// libgpiod 1.6 (Debian bookworm): the build links this file when pkg-config finds libgpiod < 2.
#include "signal/gpio/GpiodRequest.h"

#include "signal/gpio/GpioError.h"
#include "signal/gpio/GpiodChip.h"

#include <gpiod.h>

#include <cerrno>

namespace AlertGate {

// In 1.6 a requested line belongs to its open chip: both live as long as the request.
struct GpiodRequest::Handle
{
    explicit Handle(const std::string& chipName) : chip(chipName) {}

    GpiodChip chip;
    gpiod_line* line = nullptr; ///< Owned by chip; released by ~GpiodRequest.
};

GpiodRequest::GpiodRequest(const std::string& chip, const std::string& line, Direction direction,
                           int initialLevel)
    : _chipName(chip), _lineName(line), _handle(std::make_unique<Handle>(chip))
{
    gpiod_line* found = gpiod_chip_get_line(_handle->chip.get(), _handle->chip.offset(line));
    if (!found)
        throw GpioError::noLine(chip, line);
    int result = direction == Direction::Output ? gpiod_line_request_output(found, "alertgate", initialLevel)
                                                : gpiod_line_request_both_edges_events(found, "alertgate");
    if (result != 0)
        fail(direction == Direction::Output ? "cannot be requested as an output"
                                            : "cannot be requested for edge events");
    _handle->line = found;
}

GpiodRequest::~GpiodRequest()
{
    if (_handle && _handle->line)
        gpiod_line_release(_handle->line);
}

void GpiodRequest::setLevel(int level)
{
    if (gpiod_line_set_value(_handle->line, level) != 0)
        fail("cannot be set");
}

std::optional<int> GpiodRequest::waitEdge(std::chrono::milliseconds timeout)
{
    timespec wait{};
    wait.tv_sec = static_cast<time_t>(timeout.count() / 1000);
    wait.tv_nsec = static_cast<long>((timeout.count() % 1000) * 1000000);
    int ready = gpiod_line_event_wait(_handle->line, &wait);
    if (ready < 0)
        fail("cannot be waited on");
    if (ready == 0)
        return std::nullopt;
    gpiod_line_event event{};
    if (gpiod_line_event_read(_handle->line, &event) != 0)
        fail("cannot be read");
    return event.event_type == GPIOD_LINE_EVENT_RISING_EDGE ? 1 : 0;
}

void GpiodRequest::fail(const std::string& what) const
{
    throw GpioError::line(_chipName, _lineName, what, errno);
}

} // namespace AlertGate
