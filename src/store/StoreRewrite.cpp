#include "store/StoreRewrite.h"

#include "store/Database.h"
#include "store/Statement.h"
#include "store/StoreError.h"
#include "store/StoreFiles.h"

#include <Poco/File.h>
#include <Poco/Logger.h>

#include <chrono>
#include <string>

namespace AlertGate {

namespace {

constexpr std::int64_t kSpareBytes = 1024 * 1024;

Poco::Logger& logger()
{
    return Poco::Logger::get("store");
}

// A copy left by a stop in the middle of the VACUUM INTO (VACUUM INTO needs an empty target).
void removeCopy(const std::string& copy)
{
    for (const char* suffix : {"", "-journal", "-wal", "-shm"})
    {
        Poco::File file(copy + suffix);
        if (file.exists())
            file.remove();
    }
}

// The copy holds the pages in use, and a little more with smaller pages (each has its own header).
std::int64_t copyBytesNeeded(Database& db)
{
    std::int64_t used = (db.pragma("page_count") - db.pragma("freelist_count")) * db.pragma("page_size");
    return used + used / 4 + kSpareBytes;
}

// On an SD card a copy that cannot fit is not even begun: it would write until the disk is full at every
// start. The blocks reserved for root stay free.
bool roomForCopy(Database& db)
{
    std::int64_t needed = copyBytesNeeded(db);
    std::int64_t available = StoreFiles::availableBytes(db.path());
    if (available >= needed)
        return true;
    logger().warning("%s: cannot rewrite the store with %d-byte pages and auto_vacuum=INCREMENTAL, it keeps "
                     "its layout until a start finds room: not enough free space (the copy needs about "
                     "%s bytes, %s are free)",
                     db.path(), Database::kPageSize, std::to_string(needed), std::to_string(available));
    return false;
}

// VACUUM INTO takes the page size and auto_vacuum that Database's constructor set on the connection, even
// in WAL mode (an in-place VACUUM cannot change the page size of a WAL database), and writes no temporary
// copy in memory or /tmp. The copy is synced while the store is still open, so that the moment in which
// another program could open the old file is only the rename's.
bool writeCopy(Database& db, const std::string& copy)
{
    try
    {
        db.prepare("VACUUM INTO ?").bind(1, copy).run();
        StoreFiles::sync(copy);
        return true;
    }
    catch (const StoreError& e)
    {
        // A full disk cannot hold the copy: the store works as it is, only writes more and does not shrink.
        logger().warning(
            "%s: cannot rewrite the store with %d-byte pages and auto_vacuum=INCREMENTAL, it keeps "
            "its layout until the next start: %s",
            db.path(), Database::kPageSize, std::string(e.what()));
        removeCopy(copy);
        return false;
    }
}

} // namespace

bool StoreRewrite::needed(Database& db)
{
    return db.pragma("page_size") != Database::kPageSize ||
           db.pragma("auto_vacuum") != Database::kAutoVacuumIncremental;
}

std::unique_ptr<Database> StoreRewrite::apply(std::unique_ptr<Database> db, std::int64_t busyTimeoutMs)
{
    std::string path = db->path();
    std::string copy = path + ".rewrite";
    removeCopy(copy);
    if (!needed(*db) || !roomForCopy(*db))
        return db;
    auto started = std::chrono::steady_clock::now();
    logger().notice(
        "%s: rewriting the store with %d-byte pages and auto_vacuum=INCREMENTAL (once; the daemon "
        "is ready when it is done)",
        path, Database::kPageSize);
    if (!writeCopy(*db, copy))
        return db;
    // The last connection to close removes the WAL. If it is still there, another program holds the store
    // open and would go on with the old file.
    db.reset();
    if (Poco::File(path + "-wal").exists())
    {
        logger().warning("%s: another program has the store open: it keeps its layout until the next start",
                         path);
        removeCopy(copy);
    }
    else
    {
        StoreFiles::replace(copy, path);
        std::chrono::duration<double, std::milli> took = std::chrono::steady_clock::now() - started;
        logger().notice("%s: rewritten with %d-byte pages and auto_vacuum=INCREMENTAL in %.0f ms", path,
                        Database::kPageSize, took.count());
    }
    return std::make_unique<Database>(path, Database::Mode::ReadWrite, busyTimeoutMs);
}

} // namespace AlertGate
