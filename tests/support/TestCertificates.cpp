#include "TestCertificates.h"

#include "GatewayProcess.h"

#include <stdexcept>

namespace AlertGate::Test {

namespace {

constexpr const char* OPENSSL_CONFIG = ALERTGATE_SOURCE_DIR "/tests/support/test-ca.cnf";

void openssl(const std::vector<std::string>& args)
{
    CommandResult result = runCommand("openssl", args);
    if (result.exitCode != 0)
    {
        std::string command = "openssl";
        for (const auto& arg : args)
            command += " " + arg;
        throw std::runtime_error(command + " failed (" + std::to_string(result.exitCode) + "):\n" +
                                 result.out + result.err);
    }
}

} // namespace

TestCertificates::TestCertificates()
{
    makeCa("ca", "AlertGate Test CA");
    makeServer("server", "ca");
    makeCa("untrusted-ca", "Unknown Test CA");
    makeServer("untrusted-server", "untrusted-ca");
}

void TestCertificates::makeCa(const std::string& name, const std::string& commonName) const
{
    openssl({"req", "-x509", "-config", OPENSSL_CONFIG, "-extensions", "ca", "-newkey", "ec", "-pkeyopt",
             "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", _dir.file(name + ".key"), "-out",
             _dir.file(name + ".pem"), "-days", "3650", "-subj", "/CN=" + commonName});
}

void TestCertificates::makeServer(const std::string& name, const std::string& caName) const
{
    openssl({"req", "-new", "-config", OPENSSL_CONFIG, "-newkey", "ec", "-pkeyopt",
             "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", _dir.file(name + ".key"), "-out",
             _dir.file(name + ".csr"), "-subj", "/CN=localhost"});
    openssl({"x509", "-req", "-in", _dir.file(name + ".csr"), "-CA", _dir.file(caName + ".pem"), "-CAkey",
             _dir.file(caName + ".key"), "-CAcreateserial", "-days", "825", "-extfile", OPENSSL_CONFIG,
             "-extensions", "server", "-out", _dir.file(name + ".pem")});
}

} // namespace AlertGate::Test
