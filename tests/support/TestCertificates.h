#pragma once

#include "TempDir.h"

#include <string>

namespace AlertGate::Test {

/// Certificates for TLS tests, made with the openssl CLI in their own directory when the object is
/// constructed and removed with it: a test CA and a server certificate it signed (CN=localhost,
/// subjectAltName DNS:localhost, IP:127.0.0.1), and a second, unrelated CA with a server certificate
/// for the same names, which a client trusting only the first CA must refuse ("unknown CA").
/// Keys are unencrypted P-256 EC keys in PEM files.
class TestCertificates
{
public:
    TestCertificates();
    /// Throws std::runtime_error with openssl's output if a certificate cannot be made.
    TestCertificates(const TestCertificates&) = delete;
    TestCertificates& operator=(const TestCertificates&) = delete;

    std::string caFile() const { return _dir.file("ca.pem"); }
    /// The test CA's certificate, to load as the only trusted CA.
    std::string certFile() const { return _dir.file("server.pem"); }
    /// The server certificate the test CA signed.
    std::string keyFile() const { return _dir.file("server.key"); }
    std::string untrustedCertFile() const { return _dir.file("untrusted-server.pem"); }
    /// The server certificate the unrelated CA signed.
    std::string untrustedKeyFile() const { return _dir.file("untrusted-server.key"); }

private:
    void makeCa(const std::string& name, const std::string& commonName) const;
    void makeServer(const std::string& name, const std::string& caName) const;

    TempDir _dir;
};

} // namespace AlertGate::Test
