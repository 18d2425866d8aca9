#pragma once

#include "core/ValueError.h"

#include <string>

namespace AlertGate {

std::string readSecretFile(const std::string& path);
/// The secret in path, without its trailing newline. Throws ValueError with the reason when
/// the file is missing, empty, not a regular file, or readable or writable by others.

} // namespace AlertGate
