#include "store/Checkpointer.h"

#include "store/Database.h"

#include <Poco/Logger.h>

#include <sqlite3.h>

namespace AlertGate {

Checkpointer::Checkpointer(std::string path, std::int64_t busyTimeoutMs, const Clock& clock)
    : _path(std::move(path)), _busyTimeoutMs(busyTimeoutMs),
      _loop("store-checkpoint", clock, [this](std::int64_t now) { return step(now); })
{
}

Checkpointer::~Checkpointer()
{
    stop();
}

void Checkpointer::attach(Database& writer)
{
    // sqlite3_wal_hook replaces the automatic checkpoint (which is itself a WAL hook).
    sqlite3_wal_hook(writer.handle(), &Checkpointer::onCommit, this);
}

void Checkpointer::start()
{
    _loop.start();
}

void Checkpointer::stop()
{
    _loop.stop();
    _db.reset();
}

// Called by the writer's connection after each commit, on the writer's thread: only a signal.
int Checkpointer::onCommit(void* self, sqlite3*, const char*, int walPages)
{
    auto* checkpointer = static_cast<Checkpointer*>(self);
    int copied = checkpointer->_copiedUpTo;
    if (walPages < copied)
        checkpointer->_copiedUpTo = copied = 0;
    if (walPages - copied < kWalPages)
        return SQLITE_OK;
    checkpointer->_due = true;
    checkpointer->_loop.wake();
    return SQLITE_OK;
}

std::int64_t Checkpointer::step(std::int64_t)
{
    if (_due.exchange(false))
        checkpoint();
    return WorkerLoop::IDLE;
}

// PASSIVE copies without holding any lock a commit waits for. Only when a load without any gap kept the WAL
// from starting again (the writer restarts it at the first transaction after a complete checkpoint) and
// it passed kWalLimitPages, a RESTART follows the PASSIVE pass: it waits for the commit in flight and
// holds the next one only while it copies the few frames the PASSIVE pass left.
void Checkpointer::checkpoint()
{
    try
    {
        if (!_db)
            _db = std::make_unique<Database>(_path, Database::Mode::ReadWrite, _busyTimeoutMs);
        int walFrames = 0;
        int copied = 0;
        pass(SQLITE_CHECKPOINT_PASSIVE, walFrames, copied);
        if (walFrames >= kWalLimitPages)
            pass(SQLITE_CHECKPOINT_RESTART, walFrames, copied);
        _copiedUpTo = copied;
        ++_checkpoints;
    }
    catch (const std::exception& e)
    {
        // The writer's commits go on into the WAL; the next commit past the threshold tries again.
        Poco::Logger::get("store").warning("WAL checkpoint failed: %s", std::string(e.what()));
        _db.reset();
    }
}

void Checkpointer::pass(int mode, int& walFrames, int& copied)
{
    int rc = sqlite3_wal_checkpoint_v2(_db->handle(), nullptr, mode, &walFrames, &copied);
    if (rc != SQLITE_OK && rc != SQLITE_BUSY)
        _db->fail("checkpoint", rc);
}

} // namespace AlertGate
