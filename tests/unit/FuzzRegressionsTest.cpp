#include "FuzzTargets.h"
#include "TempDir.h"

#include <Poco/DirectoryIterator.h>
#include <Poco/File.h>

#include <cppunit/extensions/HelperMacros.h>

#include <functional>

namespace AlertGate {

namespace {

// Feeds every file of tests/fuzz/regressions/KIND through the fuzz target's own code, built here with
// gcc (and under ASan+UBSan in scripts/test's second run): each file once crashed that target.
std::size_t replay(const std::string& kind, const std::function<void(const std::string&)>& target)
{
    std::string dir = std::string(ALERTGATE_SOURCE_DIR) + "/tests/fuzz/regressions/" + kind;
    std::size_t replayed = 0;
    if (!Poco::File(dir).exists())
        return replayed;
    for (Poco::DirectoryIterator it(dir), end; it != end; ++it)
    {
        if (!it->isFile())
            continue;
        target(Test::readFile(it->path()));
        ++replayed;
    }
    return replayed;
}

} // namespace

class FuzzRegressionsTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(FuzzRegressionsTest);
    CPPUNIT_TEST(testRegressionsReplay);
    CPPUNIT_TEST_SUITE_END();

public:
    void testRegressionsReplay()
    {
        std::size_t replayed = replay("payload", Fuzz::fuzzPayload) + replay("settings", Fuzz::fuzzSettings) +
                               replay("template", Fuzz::fuzzTemplate);
        CPPUNIT_ASSERT(replayed > 0);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(FuzzRegressionsTest);

} // namespace AlertGate
