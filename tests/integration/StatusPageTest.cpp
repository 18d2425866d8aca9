#include "Browser.h"
#include "Contains.h"
#include "FakePatliteTower.h"
#include "JsonParse.h"
#include "Payloads.h"
#include "TestGateway.h"
#include "core/Base64.h"

#include <Poco/File.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/Path.h>

#include <cppunit/extensions/HelperMacros.h>

#include <chrono>
#include <iostream>

namespace AlertGate::Test {

namespace {

const std::string SUMMARY = "ディスクの使用率が80%を超えました";
constexpr int PAGE_WAIT_MS = 20000;

// The status page of a gateway with a (fake) tower, open in a real Chromium at 800x480 with the
// gateway's basic-auth credentials, as a browser that was asked for them sends them with every request.
class PageSetup
{
public:
    PageSetup()
        : _gateway("[tower]\nprotocol = http\nhost = 127.0.0.1\nport = " + std::to_string(_tower.httpPort()) +
                   "\nreassert_interval = 1h\nretry_initial = 100ms\nretry_max = 500ms\n")
    {
        _gateway.start();
        _browser.setHeaders({{"Authorization", "Basic " + base64("alertmanager:hunter2")}});
        _browser.setViewport(800, 480);
        CPPUNIT_ASSERT(_browser.navigate(origin() + "/"));
        CPPUNIT_ASSERT_MESSAGE(_browser.log(),
                               _browser.waitFor("document.body.dataset.ready === 'true'", PAGE_WAIT_MS).ok);
    }

    std::string origin() const { return "http://127.0.0.1:" + std::to_string(_gateway.port()); }
    TestGateway& gateway() { return _gateway; }
    Browser& browser() { return _browser; }
    FakePatliteTower& tower() { return _tower; }

    void post(const std::vector<TestAlert>& alerts)
    {
        HttpResult result = _gateway.post(webhookBody(alerts));
        CPPUNIT_ASSERT_EQUAL_MESSAGE(result.body, 200, result.status);
    }

private:
    FakePatliteTower _tower;
    TestGateway _gateway;
    Browser _browser;
};

TestAlert criticalDisk()
{
    TestAlert alert = diskAlert("00000000000000a1", "pi:9100", "critical");
    alert.annotations["summary"] = SUMMARY;
    return alert;
}

std::string artifactDir()
{
    Poco::Path dir(Poco::Path::current());
    dir.pushDirectory("artifacts");
    Poco::File(dir).createDirectories();
    return dir.toString();
}

} // namespace

/// The status page at / in a real headless Chromium (Debian's chromium, over the DevTools protocol).
class StatusPageTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(StatusPageTest);
    CPPUNIT_TEST(testCriticalAlertLightsTheRedLampWithinTwoSeconds);
    CPPUNIT_TEST(testSilenceButtonSilencesAndTheHistoryShowsIt);
    CPPUNIT_TEST(testHostileLabelsAreShownAsTextAndRunNothing);
    CPPUNIT_TEST(testCrossSiteFormPostIsRefused);
    CPPUNIT_TEST(testPageNeedsCredentialsAndCarriesAContentSecurityPolicy);
    CPPUNIT_TEST_SUITE_END();

public:
    void testCriticalAlertLightsTheRedLampWithinTwoSeconds()
    {
        PageSetup page;
        Browser& browser = page.browser();
        CPPUNIT_ASSERT_EQUAL(std::string("off"),
                             browser.text("document.querySelector('.lamp[data-lamp=red]').dataset.mode"));
        auto started = std::chrono::steady_clock::now();
        page.post({criticalDisk()});
        const int postMs = static_cast<int>(
            std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started)
                .count());
        Browser::Wait shown = browser.waitFor(
            "document.querySelector('.lamp[data-lamp=red]').dataset.mode === 'on' && "
            "document.getElementById('alerts').textContent.includes('" +
                SUMMARY + "') && document.getElementById('why').textContent.includes('DiskUsage')",
            std::max(0, 2000 - postMs));
        std::cout << "\nred lamp and summary shown " << postMs + shown.elapsedMs
                  << " ms after the webhook was sent (" << postMs << " ms until its 200)\n";
        CPPUNIT_ASSERT_MESSAGE(browser.log(), shown.ok);
        // Only the red lamp is lit, and the tower itself shows the same.
        CPPUNIT_ASSERT_EQUAL(
            std::string("on off off off off"),
            browser.text("[...document.querySelectorAll('.lamp')].map(l => l.dataset.mode).join(' ')"));
        CPPUNIT_ASSERT(page.tower().waitFor([&] { return page.tower().state() == "100000"; }, PAGE_WAIT_MS));
        // Japanese renders with a local font (fonts-noto-cjk), nothing fetched from elsewhere.
        CPPUNIT_ASSERT_EQUAL(
            std::string("true"),
            browser.text("String(document.fonts.check('16px \"Noto Sans CJK JP\"', '" + SUMMARY + "'))"));
        const std::string png = artifactDir() + "status-page-800x480.png";
        browser.screenshot(png);
        std::cout << "screenshot: " << png << " (" << Poco::File(png).getSize() << " bytes)\n";
        CPPUNIT_ASSERT(Poco::File(png).getSize() > 1000);
    }

    void testSilenceButtonSilencesAndTheHistoryShowsIt()
    {
        PageSetup page;
        Browser& browser = page.browser();
        page.post({criticalDisk()});
        CPPUNIT_ASSERT_MESSAGE(
            browser.log(),
            browser
                .waitFor("document.getElementById('buzzer').textContent === 'sounding: critical'",
                         PAGE_WAIT_MS)
                .ok);
        browser.eval("document.getElementById('silence').click()");
        CPPUNIT_ASSERT_MESSAGE(
            browser.log(),
            browser
                .waitFor("document.getElementById('buzzer').textContent === 'silenced' && "
                         "document.querySelector('#history tr[data-status=silenced]') !== null",
                         PAGE_WAIT_MS)
                .ok);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), page.gateway().countRows("silences"));
        auto events = parseArray(page.gateway().get("/api/v1/history?status=silenced").body);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), events->size());
        auto labels = events->getObject(0)->getObject("labels");
        CPPUNIT_ASSERT_EQUAL(std::string("status page"), labels->getValue<std::string>("by"));
        CPPUNIT_ASSERT_EQUAL(std::string("api"), labels->getValue<std::string>("via"));
    }

    void testHostileLabelsAreShownAsTextAndRunNothing()
    {
        PageSetup page;
        Browser& browser = page.browser();
        TestAlert hostile = diskAlert("00000000000000b6", "pi:9100", "warning");
        const std::string img = "<img src=x onerror=\"window.__pwned='img'\">";
        const std::string script = "<script>window.__pwned='script'</script>";
        hostile.labels["note"] = img;
        hostile.labels["alertname"] = script;
        hostile.annotations["summary"] = script + img;
        page.post({hostile});
        CPPUNIT_ASSERT_MESSAGE(
            browser.log(),
            browser
                .waitFor("document.getElementById('alerts').textContent.includes(" +
                             std::string("\"note=<img src=x onerror=\\\"window.__pwned='img'\\\">\")"),
                         PAGE_WAIT_MS)
                .ok);
        CPPUNIT_ASSERT(browser
                           .waitFor("document.querySelector('#history tbody').textContent.includes("
                                    "\"<script>window.__pwned='script'</script>\")",
                                    PAGE_WAIT_MS)
                           .ok);
        // Shown as text: the summary reads exactly as sent, and no element came from it.
        CPPUNIT_ASSERT_EQUAL(script + img,
                             browser.text("document.querySelector('#alerts .summary').textContent"));
        CPPUNIT_ASSERT_EQUAL(std::string("0"),
                             browser.text("String(document.querySelectorAll('img').length)"));
        CPPUNIT_ASSERT_EQUAL(std::string("1"),
                             browser.text("String(document.scripts.length)")); // status.js only
        CPPUNIT_ASSERT_EQUAL(std::string("undefined"), browser.text("typeof window.__pwned"));
        CPPUNIT_ASSERT_MESSAGE(browser.log(), !contains(browser.log(), "pwned"));
    }

    // A page of another site submits a form to the silence endpoint; the browser attaches the
    // credentials (as it does with cached basic auth), the gateway refuses, and nothing is silenced.
    void testCrossSiteFormPostIsRefused()
    {
        PageSetup page;
        Browser& browser = page.browser();
        const std::string target = page.origin() + "/api/v1/silence";
        CPPUNIT_ASSERT(browser.navigate(browser.crossSiteFormUrl(target)));
        CPPUNIT_ASSERT_MESSAGE(
            browser.log(),
            browser
                .waitFor("location.href === '" + target +
                             "' && document.body.innerText.includes('cross-site request refused')",
                         PAGE_WAIT_MS)
                .ok);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), page.gateway().countRows("silences"));
        CPPUNIT_ASSERT(contains(page.gateway().get("/metrics", {}).body,
                                "alertgate_webhook_rejections_total{reason=\"cross_site\"} 1"));
    }

    void testPageNeedsCredentialsAndCarriesAContentSecurityPolicy()
    {
        TestGateway gateway;
        gateway.start();
        HttpResult anonymous = gateway.get("/", {});
        CPPUNIT_ASSERT_EQUAL(401, anonymous.status);
        CPPUNIT_ASSERT(contains(anonymous.headers["WWW-Authenticate"], "Basic"));
        for (const char* path : {"/", "/status.js", "/status.css", "/api/v1/channels"})
        {
            HttpResult page =
                gateway.get(path, {{"Authorization", "Basic " + base64("alertmanager:hunter2")}});
            CPPUNIT_ASSERT_EQUAL_MESSAGE(path, 200, page.status);
            const std::string csp = page.headers["Content-Security-Policy"];
            CPPUNIT_ASSERT_MESSAGE(path + (": " + csp), contains(csp, "default-src 'none'") &&
                                                            contains(csp, "script-src 'self'") &&
                                                            contains(csp, "frame-ancestors 'none'"));
            CPPUNIT_ASSERT_EQUAL(std::string("nosniff"), page.headers["X-Content-Type-Options"]);
        }
        HttpResult html = gateway.get("/", {{"Authorization", "Basic " + base64("alertmanager:hunter2")}});
        CPPUNIT_ASSERT(contains(html.headers["Content-Type"], "text/html"));
        // Nothing from elsewhere: no URL of another host anywhere in the page's files.
        for (const char* path : {"/", "/status.js", "/status.css"})
        {
            const std::string body = gateway.get(path).body;
            CPPUNIT_ASSERT_MESSAGE(path, !body.empty() && !contains(body, "http://") &&
                                             !contains(body, "https://") && !contains(body, "url(") &&
                                             !contains(body, "@import"));
        }
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(StatusPageTest);

} // namespace AlertGate::Test
