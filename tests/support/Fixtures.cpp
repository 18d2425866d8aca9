#include "Fixtures.h"

#include "TempDir.h"

#include <Poco/DirectoryIterator.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Path.h>

#include <algorithm>
#include <sstream>

namespace AlertGate::Test {

Fixture loadFixture(const std::string& name)
{
    Poco::JSON::Parser parser;
    auto root = parser.parse(readFile(std::string(ALERTGATE_FIXTURES_DIR) + "/" + name + ".json"))
                    .extract<Poco::JSON::Object::Ptr>();
    Fixture fixture;
    fixture.name = name;
    auto headers = root->getObject("request")->getObject("headers");
    for (const auto& [key, value] : *headers)
        fixture.headers[key] = value.extract<std::string>();
    std::ostringstream body;
    root->getObject("body")->stringify(body);
    fixture.body = body.str() + "\n"; // Go's encoder ends every body with a newline
    return fixture;
}

std::vector<std::string> fixtureNames()
{
    std::vector<std::string> names;
    for (Poco::DirectoryIterator it(std::string(ALERTGATE_FIXTURES_DIR)), end; it != end; ++it)
    {
        Poco::Path path(it->path());
        if (path.getExtension() == "json")
            names.push_back(path.getBaseName());
    }
    std::sort(names.begin(), names.end());
    return names;
}

} // namespace AlertGate::Test
