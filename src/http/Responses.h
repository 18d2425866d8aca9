#pragma once

#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <string>

namespace AlertGate {

void sendJson(Poco::Net::HTTPServerResponse& response, Poco::Net::HTTPResponse::HTTPStatus status,
              const std::string& json);

void sendError(Poco::Net::HTTPServerResponse& response, Poco::Net::HTTPResponse::HTTPStatus status,
               const std::string& reason);
/// {"status":"error","error":reason}. The connection is closed, since an unread body may follow.

void sendText(Poco::Net::HTTPServerResponse& response, const std::string& contentType,
              const std::string& body);

} // namespace AlertGate
