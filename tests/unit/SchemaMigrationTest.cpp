#include "store/Schema.h"

#include "core/LabelSetJson.h"
#include "store/Database.h"
#include "store/Statement.h"
#include "store/StoreError.h"
#include "store/StoreRewrite.h"

#include "TempDir.h"

#include <Poco/File.h>

#include <cppunit/extensions/HelperMacros.h>

#include <sqlite3.h>

#include <map>
#include <memory>
#include <vector>

namespace AlertGate {

namespace {

// Store files made by the binaries of older versions (tests/fixtures/store/make-store.py says how).
const std::string kStores = std::string(ALERTGATE_FIXTURES_DIR) + "/../store/";

std::vector<std::string> rows(Database& db, const std::string& sql)
{
    Statement query = db.prepare(sql);
    std::vector<std::string> all;
    while (query.step())
        all.push_back(query.isNull(0) ? "NULL" : query.text(0));
    return all;
}

std::int64_t integer(Database& db, const std::string& sql)
{
    Statement query = db.prepare(sql);
    query.step();
    return query.integer(0);
}

// The history view, one line per row; labels and annotations compared as what they say, not as text
// (the view rebuilds them from the alert's row and the payload).
std::vector<std::string> history(Database& db)
{
    Statement query =
        db.prepare("SELECT id, at, status, reason, alertname, severity, fingerprint, labels, annotations, "
                   "starts_at, coalesce(ends_at, 'NULL'), generator_url, coalesce(notification_id, 'NULL'), "
                   "receiver, group_key, truncated_alerts FROM history ORDER BY at, status, id");
    std::vector<std::string> all;
    while (query.step())
    {
        std::string line;
        for (int column = 0; column < 16; ++column)
        {
            std::string value = query.text(column);
            if (column == 7 || column == 8)
                value = toJson(labelSetFromJson(value));
            line += value + "|";
        }
        all.push_back(line);
    }
    return all;
}

// The page cache (Database's cache_size, 8 MiB) and room for the statements; not the store's size.
constexpr std::int64_t kMigrationMemoryBytes = 16 * 1024 * 1024;

const std::vector<std::string> kTables = {"notifications", "alerts", "alert_labels", "alert_events",
                                          "outbox"};

} // namespace

/// Stores made by every earlier schema version open, migrate and keep every row; a newer one is refused.
class SchemaMigrationTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(SchemaMigrationTest);
    CPPUNIT_TEST(testVersion1);
    CPPUNIT_TEST(testVersion2);
    CPPUNIT_TEST(testVersion3);
    CPPUNIT_TEST(testNewerStoreIsRefused);
    CPPUNIT_TEST(testNewStoreHasTheCurrentLayout);
    CPPUNIT_TEST(testLargeStoreMigratesInBoundedMemory);
    CPPUNIT_TEST_SUITE_END();

public:
    void testVersion1() { migrates("v1-fccbae1.db", 1); }
    void testVersion2() { migrates("v2-4722d86.db", 2); }
    void testVersion3() { migrates("v3-f621bfd.db", 3); }

    // A new file gets its page size and auto_vacuum before WAL mode writes its first page: no rewrite.
    void testNewStoreHasTheCurrentLayout()
    {
        Test::TempDir dir;
        Database db(dir.file("store.db"), Database::Mode::ReadWrite, 5000);
        Schema::migrate(db);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(Database::kPageSize), db.pragma("page_size"));
        CPPUNIT_ASSERT_EQUAL(Database::kAutoVacuumIncremental, db.pragma("auto_vacuum"));
        CPPUNIT_ASSERT(!StoreRewrite::needed(db));
    }

    // The migration is one transaction, and each of its statements keeps a journal of the pages it
    // changes. Held in memory, that journal grows with the store: about 1 GB for a million events.
    // The copied events carry a longer generator URL, so that they fill more pages than the bound.
    void testLargeStoreMigratesInBoundedMemory()
    {
        Test::TempDir dir;
        std::string path = dir.file("store.db");
        Poco::File(kStores + "v3-f621bfd.db").copyTo(path);
        Database db(path, Database::Mode::ReadWrite, 5000);
        db.execute("WITH RECURSIVE copies(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM copies WHERE i < 4000) "
                   "INSERT INTO alert_events (at, fingerprint, notification_id, status, reason, alertname, "
                   "severity, labels, annotations, starts_at, ends_at, generator_url) "
                   "SELECT at, fingerprint, notification_id, status, reason, alertname, severity, labels, "
                   "annotations, starts_at, ends_at, generator_url || substr(hex(zeroblob(500)), 1, 1000) "
                   "FROM alert_events, copies");
        std::int64_t eventsBytes = integer(db, "SELECT sum(pgsize) FROM dbstat WHERE name = 'alert_events'");
        CPPUNIT_ASSERT(eventsBytes > 3 * kMigrationMemoryBytes);

        sqlite3_memory_highwater(1);
        Schema::migrate(db);
        std::int64_t peak = sqlite3_memory_highwater(0);
        CPPUNIT_ASSERT_MESSAGE(std::to_string(peak) + " bytes", peak < kMigrationMemoryBytes);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(Schema::currentVersion()), integer(db, "PRAGMA user_version"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(52013), integer(db, "SELECT count(*) FROM alert_events"));
    }

    void testNewerStoreIsRefused()
    {
        Test::TempDir dir;
        Database db(dir.file("store.db"), Database::Mode::ReadWrite, 5000);
        Schema::migrate(db);
        db.execute("PRAGMA user_version = " + std::to_string(Schema::currentVersion() + 1));
        try
        {
            Schema::migrate(db);
            CPPUNIT_FAIL("a store of a newer schema was opened");
        }
        catch (const StoreError& e)
        {
            std::string message = e.what();
            CPPUNIT_ASSERT_MESSAGE(message,
                                   message.find("written by a newer alertgate") != std::string::npos);
            CPPUNIT_ASSERT_MESSAGE(message, message.find("never downgraded") != std::string::npos);
        }
        CPPUNIT_ASSERT_EQUAL(std::int64_t(Schema::currentVersion() + 1), integer(db, "PRAGMA user_version"));
    }

private:
    void migrates(const std::string& name, int version)
    {
        Test::TempDir dir;
        std::string path = dir.file("store.db");
        Poco::File(kStores + name).copyTo(path);
        auto db = std::make_unique<Database>(path, Database::Mode::ReadWrite, 5000);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(version), integer(*db, "PRAGMA user_version"));
        std::map<std::string, std::vector<std::string>> before;
        for (const auto& table : kTables)
            before[table] = rows(*db, "SELECT count(*) FROM " + table);
        CPPUNIT_ASSERT(integer(*db, "SELECT count(*) FROM alert_events") > 5);
        auto payloads =
            rows(*db, "SELECT id || ' ' || received_at || ' ' || payload FROM notifications ORDER BY id");
        auto outbox =
            rows(*db, "SELECT id || ' ' || notification_id || ' ' || state || ' ' || attempts || ' ' || "
                      "coalesce(last_error, '') FROM outbox ORDER BY id");
        auto alerts =
            rows(*db, "SELECT fingerprint || ' ' || status || ' ' || labels || ' ' || annotations || ' ' || "
                      "last_seen_at FROM alerts ORDER BY fingerprint");
        auto events = history(*db);

        Schema::migrate(*db);
        CPPUNIT_ASSERT(StoreRewrite::needed(*db));
        db = StoreRewrite::apply(std::move(db), 5000);

        CPPUNIT_ASSERT_EQUAL(std::int64_t(Schema::currentVersion()), integer(*db, "PRAGMA user_version"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(2), integer(*db, "PRAGMA auto_vacuum"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(Database::kPageSize), integer(*db, "PRAGMA page_size"));
        CPPUNIT_ASSERT(!Poco::File(path + ".rewrite").exists());
        for (const auto& table : kTables)
            CPPUNIT_ASSERT(before[table] == rows(*db, "SELECT count(*) FROM " + table));
        CPPUNIT_ASSERT(
            payloads ==
            rows(*db, "SELECT id || ' ' || received_at || ' ' || payload FROM notifications ORDER BY id"));
        CPPUNIT_ASSERT(outbox ==
                       rows(*db, "SELECT id || ' ' || notification_id || ' ' || state || ' ' || attempts || "
                                 "' ' || coalesce(last_error, '') FROM outbox ORDER BY id"));
        CPPUNIT_ASSERT(alerts ==
                       rows(*db, "SELECT fingerprint || ' ' || status || ' ' || labels || ' ' || annotations "
                                 "|| ' ' || last_seen_at FROM alerts ORDER BY fingerprint"));
        auto after = history(*db);
        CPPUNIT_ASSERT_EQUAL(events.size(), after.size());
        for (std::size_t i = 0; i < events.size(); ++i)
            CPPUNIT_ASSERT_EQUAL(events[i], after[i]);
        // The copies the payloads hold were dropped (what the migration is for).
        CPPUNIT_ASSERT(
            integer(*db, "SELECT count(*) FROM alert_events WHERE annotations = '' AND labels = ''") > 0);
        // Each such event knows its alert's place in the payload, the place notified_alert names.
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0),
                             integer(*db,
                                     "SELECT count(*) FROM alert_events e WHERE e.annotations = '' AND "
                                     "e.payload_alert IS NOT (SELECT min(p.position) FROM notified_alert p "
                                     "WHERE p.notification_id = e.notification_id AND "
                                     "p.fingerprint = e.fingerprint)"));
        CPPUNIT_ASSERT_EQUAL(std::string("ok"), rows(*db, "PRAGMA integrity_check").front());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SchemaMigrationTest);

} // namespace AlertGate
