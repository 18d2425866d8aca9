// libFuzzer's entry point, built once per target with ALERTGATE_FUZZ_TARGET naming the function
// of FuzzTargets.h that takes the input.
#include "FuzzTargets.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    AlertGate::Fuzz::ALERTGATE_FUZZ_TARGET(std::string(reinterpret_cast<const char*>(data), size));
    return 0;
}
