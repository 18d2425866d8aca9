#include "http/server/ErrorBody.h"

#include <Poco/JSON/Object.h>

#include <sstream>

namespace AlertGate {

std::string errorBody(const std::string& reason)
{
    Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
    body.set("status", "error");
    body.set("error", reason);
    std::ostringstream json;
    body.stringify(json);
    json << '\n';
    return json.str();
}

} // namespace AlertGate
