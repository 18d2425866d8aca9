#pragma once

#include <string>

namespace AlertGate::Fuzz {

// What each libFuzzer target does with one input. FuzzEntry.cpp makes each a libFuzzer executable;
// the unit suite replays tests/fuzz/regressions/ through the same functions, built with gcc.

void fuzzPayload(const std::string& body);
/// A webhook body: parsed, and the Notification's invariants checked; PayloadError is expected.

void fuzzSettings(const std::string& text);
/// An INI file: loaded and validated, then channels built as check-config does; ConfigError is expected.

void fuzzTemplate(const std::string& input);
/// As a webhook body through the built-in templates, and as template text against a fixture.

} // namespace AlertGate::Fuzz
