#include "config/KeyReference.h"
#include "config/ConfigKeys.h"

#include <cppunit/extensions/HelperMacros.h>

#include <fstream>
#include <set>
#include <sstream>

namespace AlertGate {

namespace {

const std::string manPagePath = std::string(ALERTGATE_SOURCE_DIR) + "/debian/alertgate.8";

std::string readFile(const std::string& path)
{
    std::ifstream in(path);
    CPPUNIT_ASSERT_MESSAGE("cannot read " + path, in.good());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// The key names a man page's CONFIGURATION section documents: ".SS [section]", then ".TP" and
// ".B key" per key.
std::set<std::string> documentedKeys(const std::string& troff)
{
    std::set<std::string> keys;
    std::istringstream in(troff);
    std::string line, section, previous;
    bool inConfiguration = false;
    while (std::getline(in, line))
    {
        if (line.rfind(".SH", 0) == 0)
            inConfiguration = line == ".SH CONFIGURATION";
        if (!inConfiguration)
            continue;
        if (line.rfind(".SS [", 0) == 0)
            section = line.substr(5, line.find(']') - 5);
        else if (previous == ".TP" && line.rfind(".B ", 0) == 0)
        {
            std::string key = line.substr(3);
            for (auto at = key.find("\\-"); at != std::string::npos; at = key.find("\\-", at))
                key.erase(at, 1);
            keys.insert(section + "." + key);
        }
        previous = line;
    }
    return keys;
}

std::string difference(const std::set<std::string>& a, const std::set<std::string>& b)
{
    std::string text;
    for (const auto& name : a)
        if (!b.count(name))
            text += (text.empty() ? "" : ", ") + name;
    return text;
}

} // namespace

class KeyReferenceTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(KeyReferenceTest);
    CPPUNIT_TEST(testGeneratedListNamesEveryKey);
    CPPUNIT_TEST(testManPageHasEveryKeyAndNoOther);
    CPPUNIT_TEST(testManPageHoldsTheGeneratedList);
    CPPUNIT_TEST_SUITE_END();

public:
    void testGeneratedListNamesEveryKey()
    {
        std::set<std::string> table;
        for (const auto& key : ConfigKeys::all())
            table.insert(key.name);
        CPPUNIT_ASSERT(table == documentedKeys(".SH CONFIGURATION\n" + KeyReference::manPage()));
    }

    void testManPageHasEveryKeyAndNoOther()
    {
        std::set<std::string> table;
        for (const auto& key : ConfigKeys::all())
            table.insert(key.name);
        auto page = documentedKeys(readFile(manPagePath));
        CPPUNIT_ASSERT_EQUAL_MESSAGE("keys missing from debian/alertgate.8", std::string(),
                                     difference(table, page));
        CPPUNIT_ASSERT_EQUAL_MESSAGE("keys in debian/alertgate.8 that the table lacks", std::string(),
                                     difference(page, table));
    }

    // The man page's list is the generated one; when it is not, the expected page is written beside
    // the test (copy it over debian/alertgate.8).
    void testManPageHoldsTheGeneratedList()
    {
        std::string page = readFile(manPagePath);
        auto begin = page.find(KeyReference::beginMarker);
        auto end = page.find(KeyReference::endMarker);
        CPPUNIT_ASSERT_MESSAGE("debian/alertgate.8 lacks the key list markers",
                               begin != std::string::npos && end != std::string::npos && begin < end);
        end = page.find('\n', end) + 1;
        std::string expected = page.substr(0, begin) + KeyReference::manPage() + page.substr(end);
        if (expected != page)
        {
            std::ofstream("alertgate.8.generated") << expected;
            CPPUNIT_FAIL("debian/alertgate.8's key list differs from the table: cp alertgate.8.generated "
                         "(written in the test's working directory) over debian/alertgate.8");
        }
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(KeyReferenceTest);

} // namespace AlertGate
