#pragma once

#include "http/Handler.h"

#include <string>

namespace AlertGate {

/// GET / (and the page's own status.css and status.js): the status page, from the files compiled into
/// the binary. The page loads nothing from elsewhere and reads the JSON API with the browser's
/// credentials; the Content-Security-Policy (Responses) allows only this origin's scripts and styles.
class StatusPageHandler : public Handler
{
public:
    explicit StatusPageHandler(std::string asset);
    /// asset: a file name of web/ (index.html, status.css, status.js).

protected:
    void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override;

private:
    std::string _asset;
};

} // namespace AlertGate
