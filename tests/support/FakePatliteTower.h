#pragma once

#include "FakeProcess.h"
#include "TempDir.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace AlertGate::Test {

/// A fake PATLITE NH tower on 127.0.0.1 (tests/fakes/patlite_tower.py): HTTP /api/control and /api/status
/// and PNS S/G/C, each on a port of its own; it can be rebooted, have HTTP control disabled, answer late,
/// hang or reset, and records every device command. Stopped (SIGTERM) when the object goes.
class FakePatliteTower
{
public:
    /// One device command as the tower received it.
    struct Command
    {
        std::string protocol; /// http | pns
        std::string command;  /// "alert=100000", "S", "G", "C"
        std::string alert;    /// The six digits asked for; empty when the command carried none.
        std::string result;   /// "Success.", "Error. [002]", "ACK", "NAK", "STATUS"
    };

    /// What the tower does with device requests; the defaults are a healthy tower.
    struct Mode
    {
        bool disabled = false; /// HTTP control not enabled: "Error. [002]".
        int delayMs = 0;
        bool hang = false;  /// Never answers.
        bool reset = false; /// Closes the connection without an answer.
    };

    FakePatliteTower();
    /// Waits (20 s at most) until it listens; throws std::runtime_error with its stderr otherwise.
    ~FakePatliteTower();
    FakePatliteTower(const FakePatliteTower&) = delete;
    FakePatliteTower& operator=(const FakePatliteTower&) = delete;

    std::uint16_t httpPort() const { return _httpPort; }
    std::uint16_t pnsPort() const { return _pnsPort; }

    std::string state() const;
    /// The six digits the tower shows now (from /api/status, read with the injected behaviour off).
    void reboot();
    /// Forgets the state: all off.
    void setMode(const Mode& mode);

    std::vector<Command> commands() const;
    /// Every command received so far, oldest first.
    std::vector<std::string> appliedStates() const;
    /// The alert= digits of every command the tower took, oldest first, repeats collapsed.
    bool waitFor(const std::function<bool()>& condition, int timeoutMs) const;
    /// Polls condition until it holds (true) or the timeout passes (false).

private:
    std::string control(const std::string& method, const std::string& path) const;

    TempDir _dir;
    std::unique_ptr<FakeProcess> _process;
    std::uint16_t _httpPort = 0;
    std::uint16_t _pnsPort = 0;
    bool _healthy = true;
};

} // namespace AlertGate::Test
