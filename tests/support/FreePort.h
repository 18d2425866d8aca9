#pragma once

#include <cstdint>

namespace AlertGate::Test {

std::uint16_t freeLoopbackPort();
/// A port on 127.0.0.1 the kernel just handed out and released again: for a server that must be named
/// before it starts (Prometheus told Alertmanager's address, a Slack fake started after the gateway).
/// Another process could take it in between; on a test machine that is rare enough.

} // namespace AlertGate::Test
