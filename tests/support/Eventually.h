#pragma once

#include <functional>

namespace AlertGate::Test {

bool eventually(const std::function<bool()>& condition, int timeoutMs);
/// Polls condition every 20 ms until it holds (true) or timeoutMs passes (false): for states a test
/// can only observe from outside, such as a row another process writes.

} // namespace AlertGate::Test
