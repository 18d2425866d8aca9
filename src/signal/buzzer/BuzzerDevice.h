#pragma once

#include "config/Settings.h"
#include "signal/buzzer/BuzzerSink.h"
#include "signal/buzzer/GpioBuzzer.h"

#include <functional>
#include <memory>
#include <string>

namespace AlertGate {

/// The configured buzzer as the daemon holds it: none, working, or failed to open. A chip that is
/// missing must not stop the gateway from recording alerts, so the failure is kept (and shown by
/// /metrics and /-/ready) instead of thrown, and the cadence runs on over a line that goes nowhere.
class BuzzerDevice : public BuzzerSink
{
public:
    using LineOpener = std::function<std::unique_ptr<GpioLine>(const Settings::Buzzer&)>;

    explicit BuzzerDevice(const Settings::Buzzer& settings, const LineOpener& open = openGpiodLine);
    /// Opens the line when [buzzer] chip is set; a GpioError is logged and kept as error().

    static std::unique_ptr<GpioLine> openGpiodLine(const Settings::Buzzer& settings);

    void apply(const std::optional<BuzzerPattern>& pattern) override;

    bool configured() const { return _configured; }
    bool up() const;
    /// Configured, opened, and the last write to the line worked.
    bool sounding() const;
    /// A pattern is playing (also between beeps), whether or not the line works.
    std::string error() const;
    /// Why it is not up; empty when it is (or is not configured).

private:
    bool _configured;
    std::string _openError;
    std::unique_ptr<GpioBuzzer> _buzzer;
};

} // namespace AlertGate
