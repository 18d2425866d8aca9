#pragma once

#include <string>

namespace AlertGate {

std::string errorBody(const std::string& reason);
/// Every refusal's JSON body, {"status":"error","error":reason} and a newline: the same for the
/// connection engine's answers (framing, deadlines) and the handlers'.

} // namespace AlertGate
