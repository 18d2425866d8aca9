#include "config/SecretFile.h"

#include "core/ValueError.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <sys/stat.h>

namespace AlertGate {

namespace {

std::string octal(unsigned mode)
{
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04o", mode & 07777);
    return buffer;
}

void checkPermissions(const std::string& path)
{
    struct stat info
    {
    };
    if (::stat(path.c_str(), &info) != 0)
        throw ValueError("cannot read " + path + ": " + std::strerror(errno));
    if (!S_ISREG(info.st_mode))
        throw ValueError(path + " is not a regular file");
    if (info.st_mode & (S_IROTH | S_IWOTH))
        throw ValueError(path + " is accessible by others (mode " + octal(info.st_mode) +
                         "); run chmod o-rwx on it");
}

} // namespace

std::string readSecretFile(const std::string& path)
{
    checkPermissions(path);
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw ValueError("cannot read " + path + ": " + std::strerror(errno));
    std::ostringstream content;
    content << in.rdbuf();
    std::string secret = content.str();
    while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r'))
        secret.pop_back();
    if (secret.empty())
        throw ValueError(path + " is empty");
    return secret;
}

} // namespace AlertGate
