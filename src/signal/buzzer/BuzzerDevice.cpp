#include "signal/buzzer/BuzzerDevice.h"

#include "signal/gpio/GpioError.h"
#include "signal/gpio/GpiodOutputLine.h"

#include <Poco/Logger.h>

namespace AlertGate {

namespace {

// Stands in for a buzzer whose chip could not be opened: the cadence still runs, so
// alertgate_buzzer_sounding tells what the buzzer would be doing while it is broken.
class DisconnectedLine : public GpioLine
{
public:
    void setLevel(int) override {}
};

} // namespace

BuzzerDevice::BuzzerDevice(const Settings::Buzzer& settings, const LineOpener& open)
    : _configured(settings.enabled())
{
    if (!_configured)
        return;
    try
    {
        _buzzer = std::make_unique<GpioBuzzer>(open(settings), settings.activeLow,
                                               std::chrono::milliseconds(settings.maxSoundingMs));
        Poco::Logger::get("buzzer").information("Buzzer on GPIO chip %s line %s", settings.chip,
                                                settings.line);
    }
    catch (const GpioError& e)
    {
        _openError = e.what();
        Poco::Logger::get("buzzer").error("No buzzer: %s; alerts are still recorded and sent", _openError);
        _buzzer = std::make_unique<GpioBuzzer>(std::make_unique<DisconnectedLine>(), settings.activeLow,
                                               std::chrono::milliseconds(settings.maxSoundingMs));
    }
}

std::unique_ptr<GpioLine> BuzzerDevice::openGpiodLine(const Settings::Buzzer& settings)
{
    return std::make_unique<GpiodOutputLine>(settings.chip, settings.line, settings.activeLow ? 1 : 0);
}

void BuzzerDevice::apply(const std::optional<BuzzerPattern>& pattern)
{
    if (_buzzer)
        _buzzer->apply(pattern);
}

bool BuzzerDevice::up() const
{
    return _buzzer && _openError.empty() && _buzzer->healthy();
}

bool BuzzerDevice::sounding() const
{
    return _buzzer && _buzzer->sounding();
}

std::string BuzzerDevice::error() const
{
    if (!_openError.empty())
        return _openError;
    if (_buzzer && !_buzzer->healthy())
        return "the buzzer's GPIO line cannot be set (see the log)";
    return "";
}

} // namespace AlertGate
