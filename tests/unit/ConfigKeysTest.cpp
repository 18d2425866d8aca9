#include "config/ConfigKeys.h"
#include "config/SettingsLoader.h"

#include <cppunit/extensions/HelperMacros.h>

#include <fstream>
#include <regex>
#include <set>

namespace AlertGate {

namespace {

// Every key the shipped example names, set or commented out ("; key = value"), as "section.key".
std::vector<std::string> exampleKeys()
{
    std::ifstream in(std::string(ALERTGATE_SOURCE_DIR) + "/conf/alertgate.ini");
    CPPUNIT_ASSERT_MESSAGE("cannot read conf/alertgate.ini", in.good());
    static const std::regex sectionLine(R"(^\[([a-z]+)\]\s*$)");
    static const std::regex keyLine(R"(^;?\s*([a-z][a-z0-9_.]*)\s*=)");
    std::vector<std::string> keys;
    std::string section, line;
    std::smatch match;
    while (std::getline(in, line))
    {
        if (std::regex_match(line, match, sectionLine))
            section = match[1];
        else if (std::regex_search(line, match, keyLine) && !section.empty())
            keys.push_back(section + "." + match[1].str());
    }
    return keys;
}

std::string joined(const std::vector<std::string>& names)
{
    std::string text;
    for (const auto& name : names)
        text += (text.empty() ? "" : ", ") + name;
    return text;
}

} // namespace

class ConfigKeysTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(ConfigKeysTest);
    CPPUNIT_TEST(testEveryExampleKeyIsInTheTable);
    CPPUNIT_TEST(testEveryTableKeyIsInTheExample);
    CPPUNIT_TEST(testTableDefaultsAreTheSettingsDefaults);
    CPPUNIT_TEST(testEveryKeyIsDocumented);
    CPPUNIT_TEST(testWildcards);
    CPPUNIT_TEST(testNeedingRestartNamesExactlyTheChangedRestartKeys);
    CPPUNIT_TEST(testApplyingNamesTheChangedReloadableKeys);
    CPPUNIT_TEST(testTurningAChannelOnOrOffNeedsARestart);
    CPPUNIT_TEST(testNothingChangedNothingNamed);
    CPPUNIT_TEST_SUITE_END();

public:
    void testEveryExampleKeyIsInTheTable()
    {
        std::vector<std::string> unknown;
        for (const auto& name : exampleKeys())
        {
            std::string wildcard;
            if (!ConfigKeys::find(name, wildcard))
                unknown.push_back(name);
        }
        CPPUNIT_ASSERT_EQUAL_MESSAGE("conf/alertgate.ini names keys the table lacks", std::string(),
                                     joined(unknown));
    }

    void testEveryTableKeyIsInTheExample()
    {
        auto documented = exampleKeys();
        std::vector<std::string> missing;
        for (const auto& key : ConfigKeys::all())
        {
            bool found = false;
            for (const auto& name : documented)
            {
                std::string wildcard;
                found = found || (key.matches(name, wildcard) && ConfigKeys::find(name, wildcard) == &key);
            }
            if (!found)
                missing.push_back(key.name);
        }
        CPPUNIT_ASSERT_EQUAL_MESSAGE("table keys conf/alertgate.ini does not document", std::string(),
                                     joined(missing));
    }

    // What the documentation says is the default is what Settings starts with.
    void testTableDefaultsAreTheSettingsDefaults()
    {
        for (const auto& key : ConfigKeys::all())
        {
            if (key.defaultValue.empty() || key.isWildcard())
                continue;
            Settings defaults = SettingsLoader::defaults();
            Settings applied = defaults;
            key.slot.apply(applied, "", key.defaultValue, "/");
            CPPUNIT_ASSERT_EQUAL_MESSAGE(key.name + " = " + key.defaultValue, std::string(),
                                         joined(key.slot.changed(defaults, applied, key.name)));
        }
    }

    void testEveryKeyIsDocumented()
    {
        std::set<std::string> names;
        for (const auto& key : ConfigKeys::all())
        {
            CPPUNIT_ASSERT_MESSAGE(key.name, !key.help.empty() && !key.slot.type.empty());
            CPPUNIT_ASSERT_MESSAGE(key.name, key.slot.apply && key.slot.changed);
            CPPUNIT_ASSERT_MESSAGE(key.name + " twice", names.insert(key.name).second);
        }
    }

    void testWildcards()
    {
        std::string wildcard;
        CPPUNIT_ASSERT_EQUAL(std::string("lamp.sound"), ConfigKeys::find("lamp.sound", wildcard)->name);
        CPPUNIT_ASSERT_EQUAL(std::string("lamp.SEVERITY"), ConfigKeys::find("lamp.info", wildcard)->name);
        CPPUNIT_ASSERT_EQUAL(std::string("info"), wildcard);
        CPPUNIT_ASSERT_EQUAL(std::string("buzzer.pattern.NAME"),
                             ConfigKeys::find("buzzer.pattern.alarm", wildcard)->name);
        CPPUNIT_ASSERT_EQUAL(std::string("alarm"), wildcard);
        CPPUNIT_ASSERT(!ConfigKeys::find("buzzer.pattern.a.b", wildcard));
        CPPUNIT_ASSERT(!ConfigKeys::find("http.listens", wildcard));
        CPPUNIT_ASSERT(!ConfigKeys::find("lamp.SEVERITY.x", wildcard));
    }

    void testNeedingRestartNamesExactlyTheChangedRestartKeys()
    {
        Settings running = SettingsLoader::defaults();
        running.slack.webhookUrl = "https://hooks.example/a";
        Settings fresh = running;
        fresh.http.port = 1;                                // http.listen
        fresh.store.busyTimeoutMs = 1;                      // store.busy_timeout
        fresh.delivery.maxAgeMs = 1;                        // delivery.max_age
        fresh.lamp.severities["info"] = "blue:on";          // lamp.info
        fresh.lamp.severities.erase("alert");               // lamp.alert
        fresh.slack.matchers = "severity=\"critical\"";     // slack.matchers
        fresh.slack.webhookUrl = "https://hooks.example/b"; // applies
        fresh.webhook.bearerToken = "t";                    // applies
        fresh.log.level = "debug";                          // applies
        CPPUNIT_ASSERT_EQUAL(std::string("http.listen, store.busy_timeout, lamp.alert, lamp.info, "
                                         "delivery.max_age, slack.matchers"),
                             joined(ConfigKeys::needingRestart(running, fresh)));
    }

    void testApplyingNamesTheChangedReloadableKeys()
    {
        Settings running = SettingsLoader::defaults();
        Settings fresh = running;
        fresh.http.port = 1;
        fresh.webhook.bearerToken = "t";
        fresh.log.level = "debug";
        fresh.slack.caFile = "/ca.pem";
        fresh.email.to = {"a@example.org"};
        CPPUNIT_ASSERT_EQUAL(std::string("webhook.bearer_token, log.level, slack.ca_file, email.to"),
                             joined(ConfigKeys::applying(running, fresh)));
    }

    void testTurningAChannelOnOrOffNeedsARestart()
    {
        Settings running = SettingsLoader::defaults();
        running.email.smtpHost = "smtp.example.org";
        Settings fresh = SettingsLoader::defaults();
        fresh.slack.webhookUrl = "https://hooks.example/a";
        CPPUNIT_ASSERT_EQUAL(std::string("slack.webhook_url, email.smtp_host"),
                             joined(ConfigKeys::needingRestart(running, fresh)));
    }

    void testNothingChangedNothingNamed()
    {
        Settings s = SettingsLoader::defaults();
        CPPUNIT_ASSERT(ConfigKeys::needingRestart(s, s).empty());
        CPPUNIT_ASSERT(ConfigKeys::applying(s, s).empty());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ConfigKeysTest);

} // namespace AlertGate
