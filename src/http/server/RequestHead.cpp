#include "http/server/RequestHead.h"

namespace AlertGate {

std::size_t requestHeadLength(std::string_view received)
{
    for (std::size_t lf = received.find('\n'); lf != std::string_view::npos; lf = received.find('\n', lf + 1))
    {
        if (received.substr(lf + 1, 1) == "\n")
            return lf + 2;
        if (received.substr(lf + 1, 2) == "\r\n")
            return lf + 3;
    }
    return 0;
}

RequestHead requestHeadState(std::string_view received, std::size_t maxBytes)
{
    if (requestHeadLength(received.substr(0, maxBytes)) > 0)
        return RequestHead::Complete;
    return received.size() >= maxBytes ? RequestHead::Oversized : RequestHead::Incomplete;
}

} // namespace AlertGate
