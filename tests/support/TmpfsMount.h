#pragma once

#include <string>

namespace AlertGate::Test {

/// A small tmpfs mounted for one test, to fill a disk for real. Needs root (CI and the README's test
/// command run as root); unmounted when the object goes.
class TmpfsMount
{
public:
    TmpfsMount(const std::string& path, const std::string& size);
    ~TmpfsMount();
    TmpfsMount(const TmpfsMount&) = delete;
    TmpfsMount& operator=(const TmpfsMount&) = delete;

    std::string fill();
    /// Writes a file until the file system is full; returns its path.

private:
    std::string _path;
};

} // namespace AlertGate::Test
