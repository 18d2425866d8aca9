#pragma once

#include "GatewayProcess.h"
#include "TempDir.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace AlertGate::Test {

/// A gateway for one test: its own directory, config file (loopback, port 0, the fixtures'
/// credentials: Bearer s3cret from a 0600 file, Basic alertmanager:hunter2) and database.
class TestGateway
{
public:
    explicit TestGateway(const std::string& extraIni = "", const std::string& storeDir = "",
                         std::uint16_t listenPort = 0);
    /// extraIni is appended to the generated config; storeDir overrides where the database lives;
    /// listenPort 0 lets the kernel choose (a gateway that must come back on its port names one).
    ~TestGateway();
    /// Stops the daemon; one that does not exit cleanly (a sanitizer report, a crash on shutdown)
    /// aborts the test binary with its log, so no such finding goes unnoticed.

    void start(const Poco::Process::Env& env = {});
    void restart();
    void stop();
    /// SIGTERM; throws with the log unless the daemon exits cleanly.
    GatewayProcess& process() { return *_process; }
    std::uint16_t port() const { return _process->port(); }
    const std::string& configFile() const { return _configFile; }
    const std::string& storePath() const { return _storePath; }
    void rewriteConfig(const std::string& ini);
    /// Replaces the config file's content (for SIGHUP tests).
    std::string webhookSection(const std::string& bearerToken) const;
    /// The generated [http] and [store] sections with a [webhook] section for bearerToken.

    HttpResult post(const std::string& body,
                    const std::map<std::string, std::string>& headers = authorized());
    HttpResult get(const std::string& path, const std::map<std::string, std::string>& headers = authorized());
    HttpResult replay(const std::string& fixtureName);
    /// Posts a captured Alertmanager request with its own headers.

    CommandResult history(std::vector<std::string> args);
    /// `alertgate history --config <this config> args...`

    std::int64_t countRows(const std::string& table) const;
    /// Reads the database directly, as a person with sqlite3 would.
    std::int64_t pragma(const std::string& name) const;
    /// The number a PRAGMA answers on the store (page_size, user_version), read directly.
    std::vector<std::string> texts(const std::string& sql) const;
    /// The first column of every row sql selects, as text byte for byte (NUL bytes included), read
    /// directly from the database.

    struct OutboxRow
    {
        std::int64_t notificationId = 0;
        std::string channel;
        std::string state; /// pending, delivered or dead.
        std::int64_t attempts = 0;
        std::string lastError;
    };
    std::vector<OutboxRow> outbox(const std::string& channel) const;
    /// The channel's outbox rows, oldest first, read from the database directly.
    bool allOutboxIn(const std::string& channel, const std::string& state) const;
    /// Whether the channel has outbox rows and every one of them is in state.
    std::int64_t oldestAttempts(const std::string& channel) const;
    /// How often the channel's oldest message was tried (0 when it has none): the one its dispatcher
    /// works on while the channel fails.

    static std::map<std::string, std::string> authorized();
    /// Content-Type application/json and Authorization: Bearer s3cret.

private:
    TempDir _dir;
    std::string _configFile;
    std::string _storePath;
    std::unique_ptr<GatewayProcess> _process;
};

} // namespace AlertGate::Test
