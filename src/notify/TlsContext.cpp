#include "notify/TlsContext.h"

#include <Poco/Net/RejectCertificateHandler.h>
#include <Poco/Net/SSLManager.h>

#include <mutex>

namespace AlertGate {

void TlsContext::initialize()
{
    static std::once_flag once;
    std::call_once(once, [] {
        Poco::Net::initializeSSL();
        Poco::Net::SSLManager::instance().initializeClient(
            nullptr, Poco::makeShared<Poco::Net::RejectCertificateHandler>(false), client(""));
    });
}

Poco::Net::Context::Ptr TlsContext::client(const std::string& caFile)
{
    Poco::Net::Context::Params params;
    params.verificationMode = Poco::Net::Context::VERIFY_RELAXED;
    params.verificationDepth = 9;
    params.loadDefaultCAs = caFile.empty();
    params.caLocation = caFile;
    params.cipherList = "HIGH:!aNULL:!eNULL:!MD5:!RC4";
    auto context = Poco::makeAuto<Poco::Net::Context>(Poco::Net::Context::TLS_CLIENT_USE, params);
    context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
    return context;
}

} // namespace AlertGate
