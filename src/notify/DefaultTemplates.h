#pragma once

#include <map>
#include <string>

namespace AlertGate {

const std::map<std::string, std::string>& defaultTemplates();
/// The templates of conf/templates, by file name without ".mustache" (slack-title, slack-alert,
/// email-subject, email-text, email-html), compiled into the binary.

} // namespace AlertGate
