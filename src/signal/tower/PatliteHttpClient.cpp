#include "signal/tower/PatliteHttpClient.h"

#include "core/Printable.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <Poco/String.h>

#include <cctype>
#include <sstream>

namespace AlertGate {

namespace {

// A tower's answer is a few bytes; more is not a tower.
constexpr std::streamsize MAX_BODY = 4096;

std::string errorCode(const std::string& body)
{
    std::string code;
    for (char c : body.substr(5))
    {
        if (std::isdigit(static_cast<unsigned char>(c)))
            code.push_back(c);
        else if (!code.empty())
            break;
    }
    return code;
}

std::string meaningOf(const std::string& code)
{
    if (code == "002")
        return "unknown parameter, or HTTP control is not enabled";
    if (code == "003")
        return "no command";
    if (code == "004")
        return "parameter without value";
    if (code == "005")
        return "invalid value";
    return "unknown error";
}

} // namespace

PatliteHttpClient::PatliteHttpClient(std::string host, std::uint16_t port, std::chrono::milliseconds timeout)
    : _host(std::move(host)), _port(port), _timeout(timeout)
{
}

TowerAnswer PatliteHttpClient::interpret(int status, const std::string& rawBody)
{
    std::string body = Poco::trim(rawBody);
    if (status != 200)
        return {false, "HTTP " + std::to_string(status) + ": " + printable(body, 80), false};
    if (body == "Success.")
        return {true, "", false};
    if (body.rfind("Error", 0) == 0)
    {
        std::string code = errorCode(body);
        return {false, "tower answered \"" + printable(body, 40) + "\" (" + meaningOf(code) + ")",
                code == "002"};
    }
    return {false, "unexpected answer \"" + printable(body, 80) + "\"", false};
}

TowerAnswer PatliteHttpClient::apply(const TowerState& state)
{
    try
    {
        Poco::Net::HTTPClientSession session(_host, _port);
        session.setTimeout(Poco::Timespan(std::chrono::microseconds(_timeout).count()));
        session.setKeepAlive(false);
        Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET,
                                       "/api/control?alert=" + state.digits(),
                                       Poco::Net::HTTPMessage::HTTP_1_1);
        session.sendRequest(request);
        Poco::Net::HTTPResponse response;
        std::istream& in = session.receiveResponse(response);
        std::string body(static_cast<std::size_t>(MAX_BODY), '\0');
        in.read(&body[0], MAX_BODY);
        body.resize(static_cast<std::size_t>(in.gcount()));
        return interpret(response.getStatus(), body);
    }
    catch (const Poco::Exception& e)
    {
        return {false, e.displayText(), false};
    }
}

std::string PatliteHttpClient::describe() const
{
    return "http://" + _host + ":" + std::to_string(_port);
}

} // namespace AlertGate
