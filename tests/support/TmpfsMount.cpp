#include "TmpfsMount.h"

#include "GatewayProcess.h"

#include <Poco/File.h>

#include <cerrno>
#include <fcntl.h>
#include <stdexcept>
#include <unistd.h>
#include <vector>

namespace AlertGate::Test {

TmpfsMount::TmpfsMount(const std::string& path, const std::string& size) : _path(path)
{
    Poco::File(path).createDirectories();
    CommandResult mounted =
        runCommand("/bin/mount", {"-t", "tmpfs", "-o", "size=" + size + ",mode=0755", "tmpfs", path});
    if (mounted.exitCode != 0)
        throw std::runtime_error("cannot mount a tmpfs at " + path +
                                 " (this test needs root): " + mounted.err);
}

TmpfsMount::~TmpfsMount()
{
    runCommand("/bin/umount", {"-l", _path});
}

std::string TmpfsMount::fill()
{
    std::string path = _path + "/filler";
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0)
        throw std::runtime_error("cannot create " + path);
    std::vector<char> block(64 * 1024, 'x');
    std::size_t size = block.size();
    // Fill with big blocks, then smaller ones, down to the last free byte.
    while (size > 0)
    {
        if (::write(fd, block.data(), size) < 0)
        {
            if (errno != ENOSPC)
                break;
            size /= 2;
        }
    }
    ::close(fd);
    return path;
}

} // namespace AlertGate::Test
