// libgpiod 2.x (Debian trixie): the build links this file when pkg-config finds libgpiod >= 2.
#include "signal/gpio/GpiodRequest.h"

#include "signal/gpio/GpioError.h"
#include "signal/gpio/GpiodChip.h"

#include <gpiod.h>

#include <cerrno>

namespace AlertGate {

namespace {

template <typename T, void (*Free)(T*)> struct Freer
{
    void operator()(T* object) const { Free(object); }
};
template <typename T, void (*Free)(T*)> using Owned = std::unique_ptr<T, Freer<T, Free>>;

using LineSettings = Owned<gpiod_line_settings, gpiod_line_settings_free>;
using LineConfig = Owned<gpiod_line_config, gpiod_line_config_free>;
using RequestConfig = Owned<gpiod_request_config, gpiod_request_config_free>;
using LineRequest = Owned<gpiod_line_request, gpiod_line_request_release>;
using EventBuffer = Owned<gpiod_edge_event_buffer, gpiod_edge_event_buffer_free>;

gpiod_line_value valueOf(int level)
{
    // The line is requested without active-low: "active" is the physical high level.
    return level ? GPIOD_LINE_VALUE_ACTIVE : GPIOD_LINE_VALUE_INACTIVE;
}

} // namespace

// In 2.x a request stands on its own: the chip is closed once the line is requested.
struct GpiodRequest::Handle
{
    unsigned offset = 0;
    LineRequest request;
    EventBuffer events; ///< Inputs only.
};

GpiodRequest::GpiodRequest(const std::string& chip, const std::string& line, Direction direction,
                           int initialLevel)
    : _chipName(chip), _lineName(line), _handle(std::make_unique<Handle>())
{
    GpiodChip opened(chip);
    _handle->offset = opened.offset(line);
    bool output = direction == Direction::Output;
    const char* request = output ? "cannot be requested as an output" : "cannot be requested for edge events";

    LineSettings settings(gpiod_line_settings_new());
    LineConfig lineConfig(gpiod_line_config_new());
    RequestConfig requestConfig(gpiod_request_config_new());
    if (!settings || !lineConfig || !requestConfig)
        fail(request);
    int configured = output
                         ? gpiod_line_settings_set_direction(settings.get(), GPIOD_LINE_DIRECTION_OUTPUT) |
                               gpiod_line_settings_set_output_value(settings.get(), valueOf(initialLevel))
                         : gpiod_line_settings_set_direction(settings.get(), GPIOD_LINE_DIRECTION_INPUT) |
                               gpiod_line_settings_set_edge_detection(settings.get(), GPIOD_LINE_EDGE_BOTH);
    if (configured != 0 ||
        gpiod_line_config_add_line_settings(lineConfig.get(), &_handle->offset, 1, settings.get()) != 0)
        fail(request);
    gpiod_request_config_set_consumer(requestConfig.get(), "alertgate");
    _handle->request.reset(gpiod_chip_request_lines(opened.get(), requestConfig.get(), lineConfig.get()));
    if (!_handle->request)
        fail(request);
    if (!output)
    {
        _handle->events.reset(gpiod_edge_event_buffer_new(1));
        if (!_handle->events)
            fail(request);
    }
}

GpiodRequest::~GpiodRequest() = default;

void GpiodRequest::setLevel(int level)
{
    if (gpiod_line_request_set_value(_handle->request.get(), _handle->offset, valueOf(level)) != 0)
        fail("cannot be set");
}

std::optional<int> GpiodRequest::waitEdge(std::chrono::milliseconds timeout)
{
    int64_t nanoseconds = std::chrono::duration_cast<std::chrono::nanoseconds>(timeout).count();
    int ready = gpiod_line_request_wait_edge_events(_handle->request.get(), nanoseconds);
    if (ready < 0)
        fail("cannot be waited on");
    if (ready == 0)
        return std::nullopt;
    if (gpiod_line_request_read_edge_events(_handle->request.get(), _handle->events.get(), 1) != 1)
        fail("cannot be read");
    gpiod_edge_event* event = gpiod_edge_event_buffer_get_event(_handle->events.get(), 0);
    return gpiod_edge_event_get_event_type(event) == GPIOD_EDGE_EVENT_RISING_EDGE ? 1 : 0;
}

void GpiodRequest::fail(const std::string& what) const
{
    throw GpioError::line(_chipName, _lineName, what, errno);
}

} // namespace AlertGate
