#include "TestCertificates.h"

#include "GatewayProcess.h"

#include <stdexcept>

namespace AlertGate::Test
{

namespace
{

// Only what the certificates need, so the system's openssl.cnf cannot change them.
const char* const OPENSSL_CONFIG = R"([req]
distinguished_name = dn
prompt = no

[dn]
CN = unused

[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash

[server]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid, issuer
)";

void openssl(const std::vector<std::string>& args)
{
    CommandResult result = runCommand("openssl", args);
    if (result.exitCode != 0)
    {
        std::string command = "openssl";
        for (const auto& arg : args)
            command += " " + arg;
        throw std::runtime_error(command + " failed (" + std::to_string(result.exitCode) + "):\n" + result.out +
                                 result.err);
    }
}

} // namespace

TestCertificates::TestCertificates()
{
    _dir.write("openssl.cnf", OPENSSL_CONFIG);
    makeCa("ca", "AlertGate Test CA");
    makeServer("server", "ca");
    makeCa("untrusted-ca", "Unknown Test CA");
    makeServer("untrusted-server", "untrusted-ca");
}

void TestCertificates::makeCa(const std::string& name, const std::string& commonName) const
{
    openssl({"req", "-x509", "-config", _dir.file("openssl.cnf"), "-extensions", "ca", "-newkey", "ec", "-pkeyopt",
             "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", _dir.file(name + ".key"), "-out",
             _dir.file(name + ".pem"), "-days", "3650", "-subj", "/CN=" + commonName});
}

void TestCertificates::makeServer(const std::string& name, const std::string& caName) const
{
    openssl({"req", "-new", "-config", _dir.file("openssl.cnf"), "-newkey", "ec", "-pkeyopt",
             "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", _dir.file(name + ".key"), "-out",
             _dir.file(name + ".csr"), "-subj", "/CN=localhost"});
    openssl({"x509", "-req", "-in", _dir.file(name + ".csr"), "-CA", _dir.file(caName + ".pem"), "-CAkey",
             _dir.file(caName + ".key"), "-CAcreateserial", "-days", "825", "-extfile", _dir.file("openssl.cnf"),
             "-extensions", "server", "-out", _dir.file(name + ".pem")});
}

} // namespace AlertGate::Test
