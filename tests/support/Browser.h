#pragma once

#include "FakeProcess.h"

#include <Poco/JSON/Object.h>

#include <map>
#include <memory>
#include <string>

namespace AlertGate::Test {

/// A real headless Chromium (Debian's chromium), driven over the DevTools protocol by
/// tests/fakes/chromium_driver.py, which this class talks to over HTTP on loopback. Started with the
/// object, ended (with its profile) when it goes.
class Browser
{
public:
    Browser();
    ~Browser();

    void setHeaders(const std::map<std::string, std::string>& headers);
    /// Sent with every request the page makes, as a browser sends cached basic-auth credentials.
    void setViewport(int width, int height);
    bool navigate(const std::string& url);
    /// True once the page's load event fired.

    Poco::Dynamic::Var eval(const std::string& expression);
    /// The expression's value (JSON-like); throws std::runtime_error with the page's exception text.
    std::string text(const std::string& expression);
    /// eval() as a string ("" for null or undefined).

    struct Wait
    {
        bool ok = false;
        int elapsedMs = 0;
    };
    Wait waitFor(const std::string& expression, int timeoutMs);
    /// Polls the expression in the page until it is truthy, at most timeoutMs.

    void screenshot(const std::string& pngPath);
    std::string log();
    /// Console messages, exceptions, CSP reports and dialogs the page produced, as JSON.

    std::string crossSiteFormUrl(const std::string& target) const;
    /// A page of another site (localhost instead of 127.0.0.1, another port) that POSTs a form to target.

private:
    Poco::JSON::Object::Ptr command(const std::string& path, const Poco::JSON::Object& body);

    std::unique_ptr<FakeProcess> _driver;
    std::uint16_t _port = 0;
    std::uint16_t _crossSitePort = 0;
};

} // namespace AlertGate::Test
