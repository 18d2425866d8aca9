#pragma once

#include "config/Settings.h"
#include "core/Clock.h"
#include "core/Router.h"
#include "notify/Channel.h"

#include <memory>
#include <vector>

namespace AlertGate {

/// The message channels the configuration turns on (a channel without settings stays off), with
/// the router that feeds them. Building them compiles their templates, so `check-config` reports a
/// broken template exactly as start-up would.
class Channels
{
public:
    Channels(const Settings& settings, const Clock& clock);
    /// Throws ConfigError naming the file, the key and the problem.

    const std::vector<std::unique_ptr<Channel>>& all() const { return _channels; }
    Channel* find(const std::string& name) const;
    const Router& router() const { return _router; }

private:
    std::vector<std::unique_ptr<Channel>> _channels;
    Router _router;
};

} // namespace AlertGate
