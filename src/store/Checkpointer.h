#pragma once

#include "core/WorkerLoop.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

struct sqlite3;

namespace AlertGate {

class Database;

/// Copies the WAL back into the database file on a thread and connection of its own, so that no commit
/// of the writer ever waits for a checkpoint (SQLite runs its automatic checkpoint inside the COMMIT that
/// crosses the threshold). The writer's connection reports each commit's WAL size (attach()); once
/// kWalPages frames were added since the last checkpoint, a PASSIVE checkpoint runs here: it takes no
/// lock a writer waits for, and once it has copied everything the next commit starts the WAL again from
/// its beginning. Counting from the last checkpoint, not from the start of the WAL, keeps each
/// checkpoint large under a steady load: a page rewritten by many commits is copied once, not once
/// per commit.
class Checkpointer
{
public:
    /// 4 MiB of 1 KiB pages (Database::kPageSize): at 1,000 a lone new alert wrote 8 % more.
    static constexpr int kWalPages = 4000;
    static constexpr int kWalLimitPages = 4 * kWalPages;

    Checkpointer(std::string path, std::int64_t busyTimeoutMs, const Clock& clock);
    ~Checkpointer();
    Checkpointer(const Checkpointer&) = delete;
    Checkpointer& operator=(const Checkpointer&) = delete;

    void attach(Database& writer);
    /// Turns the writer connection's automatic checkpoints off and has it report its WAL size here.

    void start();
    void stop();
    /// Ends the thread and closes its connection (before the writer's, so the last connection to close
    /// is the writer's, which checkpoints and removes the WAL).

    std::int64_t checkpoints() const { return _checkpoints; }
    /// Checkpoints run so far.

    std::int64_t step(std::int64_t nowMicros);
    /// Runs the checkpoint a commit asked for, if any; then waits for the next ask (WorkerLoop::IDLE).

private:
    static int onCommit(void* self, ::sqlite3* db, const char* name, int walPages);
    void checkpoint();
    void pass(int mode, int& walFrames, int& copied);

    std::string _path;
    std::int64_t _busyTimeoutMs;
    std::unique_ptr<Database> _db;
    std::atomic<std::int64_t> _checkpoints{0};
    std::atomic<int> _copiedUpTo{0}; /// WAL frames the last checkpoint copied (the WAL restarts below it).
    std::atomic<bool> _due{false};
    WorkerLoop _loop; ///< Last: its thread stops before the parts it steps go.
};

} // namespace AlertGate
