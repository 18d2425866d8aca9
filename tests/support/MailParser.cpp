#include "MailParser.h"

#include "GatewayProcess.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/String.h>

#include <stdexcept>

namespace AlertGate::Test {

namespace {

const char* const PYTHON = "/usr/bin/python3";

std::vector<std::string> strings(const Poco::JSON::Array::Ptr& array)
{
    std::vector<std::string> result;
    for (unsigned i = 0; array && i < array->size(); ++i)
        result.push_back(array->getElement<std::string>(i));
    return result;
}

} // namespace

std::size_t ParsedMail::headerCount(const std::string& name) const
{
    std::size_t count = 0;
    for (const auto& header : headers)
        if (Poco::icompare(header.first, name) == 0)
            ++count;
    return count;
}

std::string ParsedMail::header(const std::string& name) const
{
    for (const auto& entry : headers)
        if (Poco::icompare(entry.first, name) == 0)
            return entry.second;
    return {};
}

ParsedMail parseMail(const std::string& emlFile)
{
    CommandResult result = runCommand(PYTHON, {ALERTGATE_SOURCE_DIR "/tests/fakes/parse_mail.py", emlFile});
    if (result.exitCode != 0)
        throw std::runtime_error("parse_mail.py " + emlFile + " failed (" + std::to_string(result.exitCode) +
                                 "):\n" + result.err);
    auto json = Poco::JSON::Parser().parse(result.out).extract<Poco::JSON::Object::Ptr>();
    ParsedMail mail;
    auto headers = json->getArray("headers");
    for (unsigned i = 0; i < headers->size(); ++i)
    {
        auto pair = headers->getArray(i);
        mail.headers.emplace_back(pair->getElement<std::string>(0), pair->getElement<std::string>(1));
    }
    mail.subject = json->getValue<std::string>("subject");
    mail.from = json->getValue<std::string>("from");
    mail.to = strings(json->getArray("to"));
    mail.date = json->getValue<std::string>("date");
    mail.messageId = json->getValue<std::string>("message_id");
    mail.contentType = json->getValue<std::string>("content_type");
    auto parts = json->getArray("parts");
    for (unsigned i = 0; i < parts->size(); ++i)
    {
        auto part = parts->getObject(i);
        mail.parts.push_back({part->getValue<std::string>("content_type"),
                              part->getValue<std::string>("charset"), part->getValue<std::string>("text")});
    }
    mail.defects = strings(json->getArray("defects"));
    return mail;
}

} // namespace AlertGate::Test
