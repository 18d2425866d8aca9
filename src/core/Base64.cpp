#include "core/Base64.h"

#include <Poco/Base64Encoder.h>

#include <sstream>

namespace AlertGate {

std::string base64(const std::string& bytes)
{
    std::ostringstream out;
    Poco::Base64Encoder encoder(out);
    encoder.rdbuf()->setLineLength(0);
    encoder << bytes;
    encoder.close();
    return out.str();
}

} // namespace AlertGate
