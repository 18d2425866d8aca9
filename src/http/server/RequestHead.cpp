#include "http/server/RequestHead.h"

namespace AlertGate {

RequestHead requestHeadState(std::string_view received, std::size_t maxBytes)
{
    std::string_view window = received.substr(0, maxBytes);
    if (window.find("\r\n\r\n") != std::string_view::npos || window.find("\n\n") != std::string_view::npos)
        return RequestHead::Complete;
    return received.size() >= maxBytes ? RequestHead::Oversized : RequestHead::Incomplete;
}

} // namespace AlertGate
