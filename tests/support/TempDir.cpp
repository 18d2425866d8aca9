#include "TempDir.h"

#include <Poco/File.h>
#include <Poco/Path.h>
#include <Poco/TemporaryFile.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <sys/stat.h>

namespace AlertGate::Test {

TempDir::TempDir() : _path(Poco::TemporaryFile::tempName())
{
    Poco::File(_path).createDirectories();
}

TempDir::~TempDir()
{
    try
    {
        Poco::File(_path).remove(true);
    }
    catch (...)
    {
        // A test that left a mount behind has already failed; leaving the directory is all we can do.
    }
}

std::string TempDir::write(const std::string& name, const std::string& content, unsigned mode) const
{
    std::string path = file(name);
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        if (!out)
            throw std::runtime_error("cannot write " + path);
        out << content;
    }
    ::chmod(path.c_str(), mode);
    return path;
}

std::string readFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot read " + path);
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

} // namespace AlertGate::Test
