#include "notify/email/MimeMessage.h"

#include "core/Base64.h"
#include "notify/email/HeaderEncoding.h"

#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>

#include <sstream>

namespace AlertGate {

namespace {

std::string base64Lines(const std::string& bytes)
{
    std::string flat = base64(bytes), out;
    for (std::size_t i = 0; i < flat.size(); i += 76)
        out += flat.substr(i, 76) + "\r\n";
    return out;
}

std::string part(const std::string& boundary, const std::string& type, const std::string& content)
{
    return "--" + boundary + "\r\nContent-Type: " + type +
           "; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" + base64Lines(content);
}

std::string joined(const std::vector<std::string>& addresses)
{
    std::string out;
    for (const auto& address : addresses)
        out += (out.empty() ? "" : ",\r\n ") + headerText(address);
    return out;
}

} // namespace

std::string MimeMessage::rfc5322Date(std::int64_t micros)
{
    return Poco::DateTimeFormatter::format(Poco::Timestamp(micros), "%w, %e %b %Y %H:%M:%S +0000");
}

std::string MimeMessage::compose() const
{
    std::string message;
    message += "Date: " + rfc5322Date(dateMicros) + "\r\n";
    message += "From: " + headerText(from) + "\r\n";
    message += "To: " + joined(to) + "\r\n";
    message += "Subject: " + encodeHeaderWords(headerText(subject)) + "\r\n";
    message += "Message-ID: <" + headerText(messageId) + ">\r\n";
    if (!inReplyTo.empty())
    {
        // The thread's root only: every follow-up of an episode answers its first mail.
        message += "In-Reply-To: <" + headerText(inReplyTo) + ">\r\n";
        message += "References: <" + headerText(inReplyTo) + ">\r\n";
    }
    message += "MIME-Version: 1.0\r\n";
    message += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n";
    message += "X-Mailer: alertgate\r\n\r\n";
    message += part(boundary, "text/plain", text);
    message += part(boundary, "text/html", html);
    message += "--" + boundary + "--\r\n";
    return message;
}

} // namespace AlertGate
