#include "core/Error.h"
#include "cli/CommandLine.h"
#include "config/ConfigError.h"
#include "config/SettingsLoader.h"
#include "core/Matcher.h"
#include "core/PayloadError.h"
#include "core/ValueError.h"
#include "signal/gpio/GpioError.h"
#include "store/HistoryFilter.h"
#include "store/StoreError.h"

#include <cppunit/extensions/HelperMacros.h>

#include <type_traits>

namespace AlertGate {

// Every error that crosses a layer is one of ours, so a boundary can tell it from a bug.
static_assert(std::is_base_of_v<Error, ConfigError>);
static_assert(std::is_base_of_v<Error, StoreError>);
static_assert(std::is_base_of_v<Error, PayloadError>);
static_assert(std::is_base_of_v<Error, GpioError>);
static_assert(std::is_base_of_v<Error, ValueError>);
static_assert(std::is_base_of_v<Error, UsageError>);
static_assert(std::is_base_of_v<Error, FilterError>);
static_assert(std::is_base_of_v<std::runtime_error, Error>);

class ErrorTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(ErrorTest);
    CPPUNIT_TEST(testLayersThrowOurErrors);
    CPPUNIT_TEST_SUITE_END();

public:
    void testLayersThrowOurErrors()
    {
        CPPUNIT_ASSERT_THROW(Matcher::parseList("severity=~\"(\""), ValueError);
        CPPUNIT_ASSERT_THROW(CommandLine::parse({"nonsense"}), Error);
        CPPUNIT_ASSERT_THROW(SettingsLoader::load("/nonexistent/alertgate.ini"), Error);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ErrorTest);

} // namespace AlertGate
