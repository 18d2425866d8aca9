// libFuzzer target: the configuration file as `alertgate check-config` reads it. The input is the
// INI text; it is loaded and validated by SettingsLoader and then turned into channels (templates
// compiled, TLS contexts made), exactly the startup path. A broken file must end in ConfigError;
// any other exception, a crash or a sanitizer report is a finding.
#include "FuzzCheck.h"
#include "FuzzTargets.h"
#include "TempDir.h"

#include "config/ConfigError.h"
#include "config/SettingsLoader.h"
#include "core/Clock.h"
#include "core/TowerState.h"
#include "notify/Channels.h"

#include <Poco/Path.h>

#include <cstddef>
#include <cstdint>
#include <string>

namespace AlertGate::Fuzz {

namespace {

bool writeNeighbours(const Test::TempDir& dir)
{
    dir.write("token", "s3cret\n", 0600);
    dir.write("open-token", "s3cret\n", 0644);
    dir.write("slack-url", "https://hooks.slack.com/services/T000/B000/XXXX\n", 0600);
    dir.write("title.mustache", "{{title}} ({{firingCount}} firing)");
    return true;
}

// The directory the INI file is written to, with a secret and a template beside it, so relative
// *_file and *_template keys in the input can reach a file that loads as well as ones that fail.
const Test::TempDir& configDir()
{
    static const Test::TempDir dir;
    static const bool neighboursWritten = writeNeighbours(dir);
    (void)neighboursWritten;
    return dir;
}

void checkSettings(const Settings& settings, const std::string& iniFile)
{
    requireThat(settings.sourceFile == iniFile, "sourceFile names the file loaded");
    requireThat(Poco::Path(settings.store.path).isAbsolute(), "store.path is made absolute");
    for (const auto& [severity, lamps] : settings.lamp.severities)
        TowerState::parse(lamps); // validated, so it must not throw
    TowerState::parse(settings.heartbeat.blindLamps);
    for (const auto& [severity, sound] : settings.lamp.sound)
        requireThat(settings.buzzer.pattern(sound).has_value(), "every lamp.sound names a buzzer pattern");
    requireThat(settings.heartbeat.blindSound.empty() ||
                    settings.buzzer.pattern(settings.heartbeat.blindSound),
                "heartbeat.blind_sound names a buzzer pattern");
}

} // namespace

void fuzzSettings(const std::string& text)
{
    const std::string iniFile = configDir().write("alertgate.ini", text, 0640);
    try
    {
        Settings settings = SettingsLoader::load(iniFile);
        checkSettings(settings, iniFile);
        SystemClock clock;
        Channels channels(settings, clock);
        requireThat(channels.all().size() == static_cast<std::size_t>(settings.slack.enabled()) +
                                                 static_cast<std::size_t>(settings.email.enabled()),
                    "one channel per configured [slack] and [email]");
    }
    catch (const ConfigError& e)
    {
        requireThat(!e.problems().empty(), "a ConfigError names at least one problem");
    }
}

} // namespace AlertGate::Fuzz
