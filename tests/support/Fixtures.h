#pragma once

#include <map>
#include <string>
#include <vector>

namespace AlertGate::Test {

/// A request captured from Alertmanager 0.25 (tests/fixtures/alertmanager-0.25/*.json).
struct Fixture
{
    std::string name;                           /// File name without .json.
    std::map<std::string, std::string> headers; /// User-Agent, Authorization, Content-Type as sent.
    std::string body;                           /// The body, serialised as JSON again (UTF-8 kept).
};

Fixture loadFixture(const std::string& name);
std::vector<std::string> fixtureNames();
/// Every fixture, sorted by name.

} // namespace AlertGate::Test
