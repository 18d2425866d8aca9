#pragma once

#include <cstdint>
#include <string>

namespace AlertGate {

/// Facts about the database's files that need no SQL, so probes and scrapes cost no disk write.
class StoreFiles
{
public:
    static std::int64_t sizeBytes(const std::string& dbPath);
    /// The database plus its -wal file.

    static bool fileSystemWritable(const std::string& dbPath);
    /// False when the file system holding dbPath is mounted read-only or has no space left.

    static std::int64_t availableBytes(const std::string& dbPath);
    /// The space a program that is not root may still fill on dbPath's file system (0 when unknown).

    static void sync(const std::string& path);
    /// fsync of one file. Throws StoreError.

    static void replace(const std::string& from, const std::string& to);
    /// Puts the file from, already synced (sync()), in the place of to, durably: renamed, and the directory
    /// synced, so that after a power cut either the old file or the whole new one is there. Throws
    /// StoreError.
};

} // namespace AlertGate
