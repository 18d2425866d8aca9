#include "http/server/RequestBody.h"

namespace AlertGate {

std::string readAtMost(std::istream& in, std::uint64_t limit)
{
    std::string body;
    char buffer[8192];
    while (in && body.size() <= limit)
    {
        in.read(buffer, sizeof buffer);
        body.append(buffer, static_cast<std::size_t>(in.gcount()));
    }
    return body;
}

} // namespace AlertGate
