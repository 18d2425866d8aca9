#include "PowerCutFs.h"

#include "Eventually.h"
#include "GatewayProcess.h"
#include "TempDir.h"

#include <Poco/File.h>

#include <stdexcept>

namespace AlertGate::Test {

PowerCutFs::PowerCutFs(const std::string& directory)
    : _backing(directory + "/backing"), _mountPoint(directory + "/mnt")
{
    Poco::File(_backing).createDirectories();
    Poco::File(_mountPoint).createDirectories();
    mount();
}

PowerCutFs::~PowerCutFs()
{
    try
    {
        unmount();
    }
    catch (const std::exception&)
    {
        // Nothing more to do in a destructor; a left-over mount is lazily detached by fusermount -z.
    }
}

bool PowerCutFs::mounted() const
{
    return readFile("/proc/self/mountinfo").find(" " + _mountPoint + " ") != std::string::npos;
}

void PowerCutFs::mount()
{
    _handle = std::make_unique<Poco::ProcessHandle>(Poco::Process::launch(
        "/usr/bin/python3", {ALERTGATE_SOURCE_DIR "/tests/fakes/powercut_fs.py", _backing, _mountPoint}));
    if (!eventually([&] { return mounted(); }, 10000))
        throw std::runtime_error("powercut_fs.py did not mount " + _mountPoint +
                                 " (needs /dev/fuse, python3-fusepy and fuse3)");
}

void PowerCutFs::unmount()
{
    if (!_handle)
        return;
    Poco::Process::kill(*_handle); // SIGKILL: what it held in memory is lost
    _handle->wait();
    _handle.reset();
    runCommand("/usr/bin/fusermount", {"-uz", _mountPoint});
    if (!eventually([&] { return !mounted(); }, 10000))
        throw std::runtime_error("could not unmount " + _mountPoint);
}

void PowerCutFs::cut()
{
    unmount();
    mount();
}

} // namespace AlertGate::Test
