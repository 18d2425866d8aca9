#include "store/StoreFiles.h"

#include <Poco/Path.h>

#include <sys/stat.h>
#include <sys/statvfs.h>

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

} // namespace

std::int64_t StoreFiles::sizeBytes(const std::string& dbPath)
{
    return fileSize(dbPath) + fileSize(dbPath + "-wal");
}

bool StoreFiles::fileSystemWritable(const std::string& dbPath)
{
    std::string directory = Poco::Path(dbPath).absolute().parent().toString();
    struct statvfs info
    {
    };
    if (::statvfs(directory.c_str(), &info) != 0)
        return false;
    if (info.f_flag & ST_RDONLY)
        return false;
    // f_bfree, not f_bavail: the daemon may run as root, which may use the reserved blocks.
    return static_cast<unsigned long long>(info.f_bfree) * info.f_frsize >= kMinimumFreeBytes;
}

} // namespace AlertGate
