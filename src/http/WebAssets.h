#pragma once

#include <map>
#include <string>

namespace AlertGate {

const std::map<std::string, std::string>& webAssets();
/// The status page's files of web/ (index.html, status.css, status.js) by file name, compiled into the
/// binary by cmake/EmbedWebAssets.cmake.

} // namespace AlertGate
