#include "AlertChain.h"
#include "Contains.h"
#include "Eventually.h"
#include "JsonParse.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <cppunit/extensions/HelperMacros.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

namespace AlertGate::Test {

namespace {

constexpr int DELIVERY_TIMEOUT_MS = 60000;

std::string joined(const std::vector<std::string>& lines, const std::string& separator)
{
    std::string text;
    for (const auto& line : lines)
        text += (text.empty() ? "" : separator) + line;
    return text;
}

// The tower passed through the states in this order (repeats and any state in between allowed).
bool passedThrough(const std::vector<std::string>& applied, const std::vector<std::string>& expected)
{
    auto next = applied.begin();
    for (const auto& state : expected)
    {
        next = std::find(next, applied.end(), state);
        if (next == applied.end())
            return false;
    }
    return true;
}

// "severity status reason" of each DiskUsage event, oldest first, from `alertgate history`.
std::vector<std::string> diskUsageStory(TestGateway& gateway)
{
    CommandResult result = gateway.history({"--format", "json", "--alertname", "DiskUsage"});
    CPPUNIT_ASSERT_EQUAL_MESSAGE(result.err, 0, result.exitCode);
    auto events = parseArray(result.out);
    std::vector<std::string> story;
    for (std::size_t i = 0; i < events->size(); ++i)
    {
        auto event = events->getObject(static_cast<unsigned>(i));
        story.push_back(event->getValue<std::string>("severity") + " " +
                        event->getValue<std::string>("status") + " " +
                        event->getValue<std::string>("reason"));
    }
    return story;
}

} // namespace

/// The original setup's story, through the real Prometheus and Alertmanager: the disk fills up past each
/// threshold and is cleaned up again.
class DiskUsageTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(DiskUsageTest);
    CPPUNIT_TEST(testUsageWalkDrivesTowerSlackEmailAndHistory);
    CPPUNIT_TEST_SUITE_END();

public:
    void testUsageWalkDrivesTowerSlackEmailAndHistory()
    {
        AlertChain chain(55);
        // Over 50 %: "alert", green flashing.
        CPPUNIT_ASSERT_MESSAGE(chain.diagnostics(), chain.towerShows("002000"));
        // Over 70 %: "warning" fires beside "alert" (the original inhibit rule matches nothing); the tower
        // groups by alertname and instance ([lamp] group_by) and shows the most severe: yellow alone.
        chain.monitoring().setDiskUsage(75);
        CPPUNIT_ASSERT_MESSAGE(chain.diagnostics(), chain.towerShows("010000"));
        // Over 80 %: "critical" inhibits "warning"; "alert" still fires: red alone.
        chain.monitoring().setDiskUsage(85);
        CPPUNIT_ASSERT_MESSAGE(chain.diagnostics(), chain.towerShows("100000"));
        // Cleaned up: everything resolves, the tower goes dark.
        chain.monitoring().setDiskUsage(30);
        CPPUNIT_ASSERT_MESSAGE(chain.diagnostics(), chain.towerShows("000000"));
        CPPUNIT_ASSERT_MESSAGE(chain.diagnostics(), passedThrough(chain.tower().appliedStates(),
                                                                  {"002000", "010000", "100000", "000000"}));
        // Wait for the state asserted below, not for a count of messages that a late one could still
        // change: the last events recorded (both resolutions, in either order), and every message they
        // caused delivered on both channels.
        CPPUNIT_ASSERT_MESSAGE(chain.diagnostics(), eventually(
                                                        [&] {
                                                            auto story = diskUsageStory(chain.gateway());
                                                            auto has = [&](const char* event) {
                                                                return std::find(story.begin(), story.end(),
                                                                                 event) != story.end();
                                                            };
                                                            return has("critical resolved notified") &&
                                                                   has("alert resolved notified");
                                                        },
                                                        DELIVERY_TIMEOUT_MS));
        CPPUNIT_ASSERT_MESSAGE(chain.diagnostics(),
                               eventually(
                                   [&] {
                                       return chain.gateway().allOutboxIn("slack", "delivered") &&
                                              chain.gateway().allOutboxIn("email", "delivered");
                                   },
                                   DELIVERY_TIMEOUT_MS));

        assertSlackTellsTheStory(chain);
        assertEmailTellsTheStory(chain);
        std::vector<std::string> story = diskUsageStory(chain.gateway());
        // "alert" is never inhibited, so it resolves with "critical" at the end, in one notification
        // whose order of alerts is Alertmanager's: compare those two as a set.
        if (story.size() == 6)
            std::sort(story.begin() + 4, story.end());
        CPPUNIT_ASSERT_EQUAL_MESSAGE(chain.diagnostics(),
                                     std::string("alert firing notified, warning firing notified, "
                                                 "critical firing notified, warning resolved absent, "
                                                 "alert resolved notified, critical resolved notified"),
                                     joined(story, ", "));
    }

private:
    // One message per change: the three thresholds as they fire, then the resolutions. Alertmanager sends
    // those in one message when it has both before it next flushes the group; on a loaded machine they can
    // reach it on either side of that flush, and then the first of two messages still lists the other
    // alert firing. Either way the resolutions of "alert" and "critical" are told once each and the last
    // message leaves nothing firing.
    static void assertSlackTellsTheStory(AlertChain& chain)
    {
        CPPUNIT_ASSERT_MESSAGE(chain.diagnostics(), chain.slack().waitForRequests(4, DELIVERY_TIMEOUT_MS));
        std::vector<std::string> texts = chain.slackTexts();
        const std::string all = joined(texts, "\n----\n");
        CPPUNIT_ASSERT_MESSAGE(all, texts.size() == 4 || texts.size() == 5);
        CPPUNIT_ASSERT_MESSAGE(all, contains(texts[0], "*Severity:* alert") &&
                                        contains(texts[0], "ディスクの使用率が50%を超えました"));
        CPPUNIT_ASSERT_MESSAGE(all, contains(texts[1], "*Severity:* warning") &&
                                        contains(texts[1], "ディスクの使用率が70%を超えました"));
        CPPUNIT_ASSERT_MESSAGE(all, contains(texts[2], "*Severity:* critical") &&
                                        contains(texts[2], "ホスト " + chain.monitoring().instance() +
                                                               " のディスク使用率が 80%を超えています。"));
        for (std::size_t i = 0; i < 3; ++i)
            CPPUNIT_ASSERT_MESSAGE(all, resolvedSeverities(texts[i]).empty());
        std::multiset<std::string> resolutions;
        for (std::size_t i = 3; i < texts.size(); ++i)
        {
            auto resolved = resolvedSeverities(texts[i]);
            CPPUNIT_ASSERT_MESSAGE(all, !resolved.empty());
            resolutions.insert(resolved.begin(), resolved.end());
        }
        // The inhibited "warning" may be told resolved too (Alertmanager lists it again once uninhibited).
        CPPUNIT_ASSERT_MESSAGE(all, resolutions.count("alert") == 1 && resolutions.count("critical") == 1);
        CPPUNIT_ASSERT_MESSAGE(all, firingSeverities(texts.back()).empty());
    }

    // Severities of the alert blocks of a Slack text (each begins with "*AlertName:*") that say, or do
    // not say, "*Resolved:*".
    static std::vector<std::string> severities(const std::string& text, bool resolved)
    {
        std::vector<std::string> found;
        const std::string start = "*AlertName:*";
        for (auto at = text.find(start); at != std::string::npos;)
        {
            auto next = text.find(start, at + start.size());
            std::string block = text.substr(at, next == std::string::npos ? std::string::npos : next - at);
            for (const char* severity : {"alert", "warning", "critical"})
                if (contains(block, std::string("*Severity:* ") + severity) &&
                    contains(block, "*Resolved:*") == resolved)
                    found.push_back(severity);
            at = next;
        }
        return found;
    }
    static std::vector<std::string> resolvedSeverities(const std::string& text)
    {
        return severities(text, true);
    }
    static std::vector<std::string> firingSeverities(const std::string& text)
    {
        return severities(text, false);
    }

    // The same notifications by email. A split resolution first says which alerts still fire: one, or two
    // when the inhibited "warning" was told resolved on its own before the others.
    static void assertEmailTellsTheStory(AlertChain& chain)
    {
        CPPUNIT_ASSERT_MESSAGE(chain.diagnostics(), chain.smtp().waitForMessages(4, DELIVERY_TIMEOUT_MS));
        std::vector<std::string> subjects = chain.mailSubjects();
        const std::string on = " DiskUsage on " + chain.monitoring().instance();
        std::string expected = "[FIRING:1]" + on + "\n[FIRING:2]" + on + "\n[FIRING:2]" + on + "\n";
        if (subjects.size() == 5)
            expected += (subjects[3] == "[FIRING:2]" + on ? "[FIRING:2]" : "[FIRING:1]") + on + "\n";
        CPPUNIT_ASSERT_EQUAL_MESSAGE(chain.diagnostics(), expected + "[RESOLVED]" + on,
                                     joined(subjects, "\n"));
        for (const auto& message : chain.smtp().messages())
            CPPUNIT_ASSERT_EQUAL(std::string("alertgate@example.com"), message.authUser);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(DiskUsageTest);

} // namespace AlertGate::Test
