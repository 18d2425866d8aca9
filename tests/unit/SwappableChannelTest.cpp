#include "notify/SwappableChannel.h"

#include <cppunit/extensions/HelperMacros.h>

#include <stdexcept>

namespace AlertGate {

namespace {

// A channel that answers with its own label, so a test sees which one delivered.
class LabelledChannel : public Channel
{
public:
    LabelledChannel(std::string name, std::string label) : _name(std::move(name)), _label(std::move(label)) {}

    const std::string& name() const override { return _name; }
    DeliveryResult deliver(const Notification&, const std::vector<Alert>&) override
    {
        return DeliveryResult::delivered(_label);
    }

private:
    std::string _name;
    std::string _label;
};

} // namespace

class SwappableChannelTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(SwappableChannelTest);
    CPPUNIT_TEST(testDeliversThroughTheNewestChannel);
    CPPUNIT_TEST(testKeepsItsName);
    CPPUNIT_TEST(testRefusesAnotherChannel);
    CPPUNIT_TEST_SUITE_END();

public:
    void testDeliversThroughTheNewestChannel()
    {
        SwappableChannel channel(std::make_shared<LabelledChannel>("slack", "old url"));
        CPPUNIT_ASSERT_EQUAL(std::string("old url"), channel.deliver(Notification{}, {}).detail);
        channel.replace(std::make_shared<LabelledChannel>("slack", "new url"));
        CPPUNIT_ASSERT_EQUAL(std::string("new url"), channel.deliver(Notification{}, {}).detail);
    }

    void testKeepsItsName()
    {
        SwappableChannel channel(std::make_shared<LabelledChannel>("email", "a"));
        channel.replace(std::make_shared<LabelledChannel>("email", "b"));
        CPPUNIT_ASSERT_EQUAL(std::string("email"), channel.name());
    }

    void testRefusesAnotherChannel()
    {
        SwappableChannel channel(std::make_shared<LabelledChannel>("slack", "a"));
        CPPUNIT_ASSERT_THROW(channel.replace(std::make_shared<LabelledChannel>("email", "b")),
                             std::logic_error);
        CPPUNIT_ASSERT_THROW(channel.replace(nullptr), std::logic_error);
        CPPUNIT_ASSERT_EQUAL(std::string("a"), channel.deliver(Notification{}, {}).detail);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SwappableChannelTest);

} // namespace AlertGate
