#include <cppunit/BriefTestProgressListener.h>
#include <cppunit/CompilerOutputter.h>
#include <cppunit/TestResult.h>
#include <cppunit/TestResultCollector.h>
#include <cppunit/TestRunner.h>
#include <cppunit/extensions/TestFactoryRegistry.h>

#include <iostream>
#include <string>

namespace {

bool namedLike(const std::string& testName, const std::string& wanted)
{
    const std::string suffix = "::" + wanted;
    return testName == wanted ||
           (testName.size() > suffix.size() &&
            testName.compare(testName.size() - suffix.size(), suffix.size(), suffix) == 0);
}

// The registered suite whose class name (namespaces aside) is wanted, or null.
CppUnit::Test* findSuite(CppUnit::Test* all, const std::string& wanted)
{
    for (int i = 0; i < all->getChildTestCount(); ++i)
        if (namedLike(all->getChildTestAt(i)->getName(), wanted))
            return all->getChildTestAt(i);
    return nullptr;
}

} // namespace

// Runs every registered suite, or only the one named on the command line (as CTest does), or only
// one test of it (a second argument, the method name: for debugging).
int main(int argc, char** argv)
{
    CppUnit::TestResult controller;
    CppUnit::TestResultCollector collector;
    controller.addListener(&collector);
    CppUnit::BriefTestProgressListener progress;
    controller.addListener(&progress);

    CppUnit::TestRunner runner;
    CppUnit::Test* all = CppUnit::TestFactoryRegistry::getRegistry().makeTest();
    runner.addTest(all);
    std::string path;
    if (argc > 1)
    {
        CppUnit::Test* suite = findSuite(all, argv[1]);
        if (!suite)
        {
            std::cerr << "no test suite named " << argv[1] << '\n';
            return 2;
        }
        path = suite->getName();
        if (argc > 2)
            path += "/" + path + "::" + argv[2];
    }
    runner.run(controller, path);
    std::cout << std::flush;
    CppUnit::CompilerOutputter(&collector, std::cerr).write();
    return collector.wasSuccessful() ? 0 : 1;
}
