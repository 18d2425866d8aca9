#include "signal/silence/Silencer.h"

#include "core/Rfc3339.h"
#include "store/Database.h"

#include <Poco/Logger.h>

namespace AlertGate {

namespace {

Silence::TimePoint timePoint(std::int64_t micros)
{
    return Silence::TimePoint(
        std::chrono::duration_cast<Silence::TimePoint::duration>(std::chrono::microseconds(micros)));
}

} // namespace

Silencer::Silencer(std::string storePath, std::int64_t busyTimeoutMs, const Clock& clock, Silence& silence)
    : _storePath(std::move(storePath)), _busyTimeoutMs(busyTimeoutMs), _clock(clock), _silence(silence)
{
}

SilenceRecord Silencer::give(const std::string& by, const std::string& via, const std::string& comment)
{
    std::int64_t now = _clock.nowMicros();
    _silence.silence(timePoint(now), by);
    Database db(_storePath, Database::Mode::ReadWrite, _busyTimeoutMs);
    return SilenceStore(db).record(now, by, via, comment);
}

void Silencer::restore()
{
    Database db(_storePath, Database::Mode::ReadOnly, _busyTimeoutMs);
    if (auto last = SilenceStore(db).latest())
    {
        _silence.restore(timePoint(last->atMicros), last->by);
        Poco::Logger::get("buzzer").information("Silence restored from the history: given at %s",
                                                Rfc3339::formatMicros(last->atMicros));
    }
}

} // namespace AlertGate
