#include "store/StoreFiles.h"

#include "store/StoreError.h"

#include <Poco/Path.h>

#include <sqlite3.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <optional>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

namespace AlertGate {

namespace {

std::int64_t fileSize(const std::string& path)
{
    struct stat info
    {
    };
    return ::stat(path.c_str(), &info) == 0 ? static_cast<std::int64_t>(info.st_size) : 0;
}

constexpr unsigned long long kMinimumFreeBytes = 64 * 1024;

[[noreturn]] void failWith(const std::string& what, const std::string& path)
{
    throw StoreError(what + " " + path + ": " + std::strerror(errno), SQLITE_IOERR);
}

void syncOpened(const std::string& path, int flags)
{
    int fd = ::open(path.c_str(), flags | O_CLOEXEC);
    if (fd < 0)
        failWith("cannot open", path);
    int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0)
        failWith("cannot sync", path);
}

std::optional<struct statvfs> fileSystemOf(const std::string& dbPath)
{
    std::string directory = Poco::Path(dbPath).absolute().parent().toString();
    struct statvfs info
    {
    };
    if (::statvfs(directory.c_str(), &info) != 0)
        return std::nullopt;
    return info;
}

} // namespace

std::int64_t StoreFiles::sizeBytes(const std::string& dbPath)
{
    return fileSize(dbPath) + fileSize(dbPath + "-wal");
}

bool StoreFiles::fileSystemWritable(const std::string& dbPath)
{
    auto info = fileSystemOf(dbPath);
    if (!info || (info->f_flag & ST_RDONLY))
        return false;
    // f_bfree, not f_bavail: the daemon may run as root, which may use the reserved blocks.
    return static_cast<unsigned long long>(info->f_bfree) * info->f_frsize >= kMinimumFreeBytes;
}

std::int64_t StoreFiles::availableBytes(const std::string& dbPath)
{
    auto info = fileSystemOf(dbPath);
    return info ? static_cast<std::int64_t>(info->f_bavail) * static_cast<std::int64_t>(info->f_frsize) : 0;
}

void StoreFiles::sync(const std::string& path)
{
    syncOpened(path, O_RDONLY);
}

void StoreFiles::replace(const std::string& from, const std::string& to)
{
    if (std::rename(from.c_str(), to.c_str()) != 0)
        failWith("cannot rename " + from + " to", to);
    syncOpened(Poco::Path(to).absolute().parent().toString(), O_RDONLY | O_DIRECTORY);
}

} // namespace AlertGate
