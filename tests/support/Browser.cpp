#include "Browser.h"

#include "GatewayProcess.h"

#include <Poco/JSON/Parser.h>
#include <Poco/URI.h>

#include <sstream>
#include <stdexcept>

namespace AlertGate::Test {

Browser::Browser()
{
    _driver = std::make_unique<FakeProcess>(
        std::vector<std::string>{ALERTGATE_SOURCE_DIR "/tests/fakes/chromium_driver.py"});
    _port = _driver->ports().at(0);
    _crossSitePort = _driver->ports().at(1);
}

Browser::~Browser() = default;

Poco::JSON::Object::Ptr Browser::command(const std::string& path, const Poco::JSON::Object& body)
{
    std::ostringstream json;
    body.stringify(json);
    HttpResult result = httpRequest(_port, "POST", path, {{"Content-Type", "application/json"}}, json.str());
    if (result.status != 200)
        throw std::runtime_error("chromium driver " + path + ": HTTP " + std::to_string(result.status) + " " +
                                 result.body + "\n" + _driver->log());
    return Poco::JSON::Parser().parse(result.body).extract<Poco::JSON::Object::Ptr>();
}

void Browser::setHeaders(const std::map<std::string, std::string>& headers)
{
    Poco::JSON::Object body;
    Poco::JSON::Object values;
    for (const auto& [name, value] : headers)
        values.set(name, value);
    body.set("headers", values);
    command("/headers", body);
}

void Browser::setViewport(int width, int height)
{
    Poco::JSON::Object body;
    body.set("width", width);
    body.set("height", height);
    command("/viewport", body);
}

bool Browser::navigate(const std::string& url)
{
    Poco::JSON::Object body;
    body.set("url", url);
    return command("/navigate", body)->getValue<bool>("loaded");
}

Poco::Dynamic::Var Browser::eval(const std::string& expression)
{
    Poco::JSON::Object body;
    body.set("expression", expression);
    auto answer = command("/eval", body);
    if (answer->has("error"))
        throw std::runtime_error("page: " + expression + ": " + answer->getValue<std::string>("error"));
    return answer->get("value");
}

std::string Browser::text(const std::string& expression)
{
    Poco::Dynamic::Var value = eval(expression);
    return value.isEmpty() ? std::string() : value.convert<std::string>();
}

Browser::Wait Browser::waitFor(const std::string& expression, int timeoutMs)
{
    Poco::JSON::Object body;
    body.set("expression", expression);
    body.set("timeoutMs", timeoutMs);
    auto answer = command("/wait", body);
    return {answer->getValue<bool>("ok"), answer->getValue<int>("elapsedMs")};
}

void Browser::screenshot(const std::string& pngPath)
{
    Poco::JSON::Object body;
    body.set("path", pngPath);
    command("/screenshot", body);
}

std::string Browser::log()
{
    std::ostringstream json;
    command("/log", Poco::JSON::Object())->stringify(json);
    return json.str();
}

std::string Browser::crossSiteFormUrl(const std::string& target) const
{
    std::string encoded;
    Poco::URI::encode(target, "&=?#+%", encoded);
    return "http://localhost:" + std::to_string(_crossSitePort) + "/crosssite?target=" + encoded;
}

} // namespace AlertGate::Test
