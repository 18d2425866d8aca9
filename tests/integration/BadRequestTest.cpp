#include "Fixtures.h"
#include "Replaced.h"
#include "TestGateway.h"

#include <cppunit/extensions/HelperMacros.h>

#include <vector>

namespace AlertGate::Test {

namespace {

using Headers = std::map<std::string, std::string>;

struct BadRequest
{
    std::string what;
    std::string method;
    std::string path;
    Headers headers;
    std::string body;
    int status;
    std::string reason; /// Must appear in the JSON error body.
    bool chunked = false;
};

const Headers kJson = TestGateway::authorized();

Headers with(Headers headers, const std::string& name, const std::string& value)
{
    if (value.empty())
        headers.erase(name);
    else
        headers[name] = value;
    return headers;
}

std::vector<BadRequest> badRequests(const std::string& good)
{
    const std::string path = "/api/v1/alertmanager";
    return {
        {"no credentials", "POST", path, with(kJson, "Authorization", ""), good, 401, "credentials"},
        {"wrong bearer token", "POST", path, with(kJson, "Authorization", "Bearer s3cre"), good, 401,
         "credentials"},
        {"wrong basic password", "POST", path,
         with(kJson, "Authorization", "Basic YWxlcnRtYW5hZ2VyOmh1bnRlcjM="), good, 401, "credentials"},
        {"token under the wrong scheme", "POST", path, with(kJson, "Authorization", "Basic s3cret"), good,
         401, "credentials"},
        {"GET on the webhook", "GET", path, kJson, "", 405, "use POST"},
        {"PUT on the webhook", "PUT", path, kJson, good, 405, "use POST"},
        {"unknown path", "POST", "/api/v1/alerts/../alertmanager2", kJson, good, 404, "no such endpoint"},
        {"text/plain body", "POST", path, with(kJson, "Content-Type", "text/plain"), good, 415,
         "application/json"},
        {"no content type", "POST", path, with(kJson, "Content-Type", ""), good, 415, "application/json"},
        {"declared too large", "POST", path, kJson, good + std::string(5000, ' '), 413, "max_body_size"},
        {"chunked too large", "POST", path, kJson, good + std::string(5000, ' '), 413, "max_body_size", true},
        {"not JSON", "POST", path, kJson, "{\"version\":", 400, "invalid JSON"},
        {"JSON array", "POST", path, kJson, "[]", 400, "expected a JSON object"},
        {"version 3", "POST", path, kJson, replaced(good, "\"version\":\"4\"", "\"version\":\"3\""), 400,
         "unsupported webhook version"},
        {"version missing", "POST", path, kJson, replaced(good, ",\"version\":\"4\"", ""), 400,
         "version: missing"},
        {"alerts not an array", "POST", path, kJson,
         "{\"version\":\"4\",\"status\":\"firing\",\"receiver\":\"r\",\"groupKey\":\"k\",\"groupLabels\":{},"
         "\"commonLabels\":{},\"commonAnnotations\":{},\"externalURL\":\"\",\"truncatedAlerts\":0,\"alerts\":"
         "{}}",
         400, "alerts: expected an array"},
        {"label value a number", "POST", path, kJson,
         replaced(good, "\"instance\":\"pi:9100\",\"severity\"", "\"instance\":9100,\"severity\""), 400,
         "alerts[0].labels.instance"},
        {"bad startsAt", "POST", path, kJson,
         replaced(good, "\"startsAt\":\"2026", "\"startsAt\":\"yesterday"), 400, "alerts[0].startsAt"},
        {"unknown alert status", "POST", path, kJson,
         replaced(good, "\"status\":\"firing\"}", "\"status\":\"pending\"}"), 400, "alerts[0].status"},
        {"negative truncatedAlerts", "POST", path, kJson,
         replaced(good, "\"truncatedAlerts\":0", "\"truncatedAlerts\":-1"), 400, "truncatedAlerts"},
    };
}

} // namespace

class BadRequestTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(BadRequestTest);
    CPPUNIT_TEST(testEachBadRequestIsRejectedAndWritesNothing);
    CPPUNIT_TEST_SUITE_END();

public:
    void testEachBadRequestIsRejectedAndWritesNothing()
    {
        TestGateway gateway("[http]\nmax_body_size = 4KiB\n");
        gateway.start();
        const std::string good = loadFixture("disk-critical-firing").body;
        for (const auto& bad : badRequests(good))
        {
            HttpResult result =
                httpRequest(gateway.port(), bad.method, bad.path, bad.headers, bad.body, bad.chunked);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(bad.what + ": " + result.body, bad.status, result.status);
            CPPUNIT_ASSERT_MESSAGE(bad.what + ": reason missing in " + result.body,
                                   result.body.find(bad.reason) != std::string::npos);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(bad.what + " wrote something", std::int64_t(0),
                                         gateway.countRows("notifications"));
        }
        HttpResult accepted = gateway.post(good);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(accepted.body, 200, accepted.status);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), gateway.countRows("notifications"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(BadRequestTest);

} // namespace AlertGate::Test
