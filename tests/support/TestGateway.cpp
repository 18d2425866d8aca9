#include "TestGateway.h"

#include "Fixtures.h"
#include "store/Database.h"
#include "store/Statement.h"

#include <algorithm>
#include <cstdlib>
#include <iostream>

namespace AlertGate::Test {

TestGateway::TestGateway(const std::string& extraIni, const std::string& storeDir, std::uint16_t listenPort)
{
    _storePath = (storeDir.empty() ? _dir.path() : storeDir) + "/alertgate.db";
    std::string tokenFile = _dir.write("bearer-token", "s3cret\n", 0600);
    _configFile = _dir.write("alertgate.ini",
                             "[http]\nlisten = 127.0.0.1:" + std::to_string(listenPort) +
                                 "\n"
                                 "[store]\npath = " +
                                 _storePath +
                                 "\n"
                                 "[webhook]\nbearer_token_file = " +
                                 tokenFile +
                                 "\n"
                                 "basic_username = alertmanager\nbasic_password = hunter2\n" +
                                 extraIni,
                             0640);
}

TestGateway::~TestGateway()
{
    if (!_process || !_process->running())
        return;
    int code = _process->terminate();
    if (code == 0)
        return;
    std::cerr << "alertgate exited with " << code << " on SIGTERM; its log:\n"
              << _process->log() << std::endl;
    std::abort();
}

void TestGateway::start(const Poco::Process::Env& env)
{
    _process = std::make_unique<GatewayProcess>(_configFile, env);
}

void TestGateway::rewriteConfig(const std::string& ini)
{
    _dir.write("alertgate.ini", ini, 0640);
}

std::string TestGateway::webhookSection(const std::string& bearerToken) const
{
    return "[http]\nlisten = 127.0.0.1:0\n[store]\npath = " + _storePath +
           "\n[webhook]\nbearer_token = " + bearerToken + "\n";
}

void TestGateway::restart()
{
    stop();
    start();
}

void TestGateway::stop()
{
    int code = _process->terminate();
    if (code != 0)
        throw std::runtime_error("alertgate exited with " + std::to_string(code) + ":\n" + _process->log());
}

std::map<std::string, std::string> TestGateway::authorized()
{
    return {{"Content-Type", "application/json"}, {"Authorization", "Bearer s3cret"}};
}

HttpResult TestGateway::post(const std::string& body, const std::map<std::string, std::string>& headers)
{
    return httpRequest(port(), "POST", "/api/v1/alertmanager", headers, body);
}

HttpResult TestGateway::get(const std::string& path, const std::map<std::string, std::string>& headers)
{
    return httpRequest(port(), "GET", path, headers);
}

HttpResult TestGateway::replay(const std::string& fixtureName)
{
    Fixture fixture = loadFixture(fixtureName);
    return post(fixture.body, fixture.headers);
}

CommandResult TestGateway::history(std::vector<std::string> args)
{
    args.insert(args.begin(), {"history", "--config", _configFile});
    return runAlertgate(args);
}

std::int64_t TestGateway::countRows(const std::string& table) const
{
    Database db(_storePath, Database::Mode::ReadOnly, 5000);
    Statement count = db.prepare("SELECT count(*) FROM " + table);
    count.step();
    return count.integer(0);
}

std::int64_t TestGateway::pragma(const std::string& name) const
{
    Database db(_storePath, Database::Mode::ReadOnly, 5000);
    return db.pragma(name);
}

std::vector<std::string> TestGateway::texts(const std::string& sql) const
{
    Database db(_storePath, Database::Mode::ReadOnly, 5000);
    Statement query = db.prepare(sql);
    std::vector<std::string> values;
    while (query.step())
        values.push_back(query.text(0));
    return values;
}

std::vector<TestGateway::OutboxRow> TestGateway::outbox(const std::string& channel) const
{
    Database db(_storePath, Database::Mode::ReadOnly, 5000);
    Statement query = db.prepare("SELECT notification_id, channel, state, attempts, coalesce(last_error, '') "
                                 "FROM outbox WHERE channel = ?1 ORDER BY id");
    query.bind(1, channel);
    std::vector<OutboxRow> rows;
    while (query.step())
        rows.push_back({query.integer(0), query.text(1), query.text(2), query.integer(3), query.text(4)});
    return rows;
}

bool TestGateway::allOutboxIn(const std::string& channel, const std::string& state) const
{
    auto rows = outbox(channel);
    return !rows.empty() &&
           std::all_of(rows.begin(), rows.end(), [&](const OutboxRow& row) { return row.state == state; });
}

std::int64_t TestGateway::oldestAttempts(const std::string& channel) const
{
    auto rows = outbox(channel);
    return rows.empty() ? 0 : rows.front().attempts;
}

} // namespace AlertGate::Test
