#pragma once

#include <Poco/Process.h>

#include <memory>
#include <string>

namespace AlertGate::Test {

/// tests/fakes/powercut_fs.py mounted in a directory of the test: a file system that keeps what is
/// written in memory until fsync (the method of LazyFS). cut() is a power cut: the file system process
/// is killed, so everything not fsync'd is gone, and it is mounted again over what was synced.
class PowerCutFs
{
public:
    explicit PowerCutFs(const std::string& directory);
    /// Mounts directory/mnt over directory/backing. Throws std::runtime_error if it cannot.
    ~PowerCutFs();
    PowerCutFs(const PowerCutFs&) = delete;
    PowerCutFs& operator=(const PowerCutFs&) = delete;

    std::string mountPoint() const { return _mountPoint; }

    void cut();
    /// Drops everything not yet fsync'd, then mounts again. Kill the programs using the mount first
    /// (a power cut stops them too).

private:
    void mount();
    void unmount();
    bool mounted() const;

    std::string _backing;
    std::string _mountPoint;
    std::unique_ptr<Poco::ProcessHandle> _handle;
};

} // namespace AlertGate::Test
