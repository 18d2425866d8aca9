#pragma once

namespace AlertGate {

/// One GPIO output line, requested for this process. Values are physical levels (1 = high); active-low
/// wiring is the caller's business, so a fake line shows exactly what the pin would carry.
class GpioLine
{
public:
    virtual ~GpioLine() = default;

    virtual void setLevel(int level) = 0;
    /// Throws GpioError when the kernel refuses the write.
};

} // namespace AlertGate
