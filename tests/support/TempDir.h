#pragma once

#include <string>

namespace AlertGate::Test {

/// A fresh directory under $TMPDIR, removed with everything in it when the object goes.
class TempDir
{
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::string& path() const { return _path; }
    std::string file(const std::string& name) const { return _path + "/" + name; }

    std::string write(const std::string& name, const std::string& content, unsigned mode = 0600) const;
    /// Writes content into the named file with the given permissions and returns its path.

private:
    std::string _path;
};

std::string readFile(const std::string& path);

} // namespace AlertGate::Test
