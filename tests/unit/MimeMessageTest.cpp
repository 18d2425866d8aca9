#include "notify/email/MimeMessage.h"
#include "notify/email/HeaderEncoding.h"
#include "notify/email/SmtpClient.h"

#include <Poco/Base64Decoder.h>

#include <cppunit/extensions/HelperMacros.h>

#include <sstream>

namespace AlertGate {

namespace {

// Decodes every =?UTF-8?B?...?= word of an encoded header value and joins them.
std::string decodeWords(const std::string& encoded)
{
    std::string out;
    std::size_t pos = 0;
    while ((pos = encoded.find("=?UTF-8?B?", pos)) != std::string::npos)
    {
        pos += 10;
        std::size_t end = encoded.find("?=", pos);
        std::istringstream in(encoded.substr(pos, end - pos));
        Poco::Base64Decoder decoder(in);
        out += std::string(std::istreambuf_iterator<char>(decoder), {});
        pos = end + 2;
    }
    return out;
}

std::vector<std::string> headerLines(const std::string& message)
{
    std::vector<std::string> lines;
    std::istringstream in(message.substr(0, message.find("\r\n\r\n")));
    std::string line;
    while (std::getline(in, line))
        lines.push_back(line);
    return lines;
}

} // namespace

class MimeMessageTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(MimeMessageTest);
    CPPUNIT_TEST(testJapaneseSubjectEncodedOnCharacterBoundaries);
    CPPUNIT_TEST(testAsciiSubjectStaysReadable);
    CPPUNIT_TEST(testHeaderInjectionIsNeutralised);
    CPPUNIT_TEST(testComposedMessageStructure);
    CPPUNIT_TEST(testAddressOf);
    CPPUNIT_TEST_SUITE_END();

public:
    void testJapaneseSubjectEncodedOnCharacterBoundaries()
    {
        std::string subject =
            "[FIRING:1] ディスクの使用率が80%を超えました — pi:9100 のディスク使用率が高い状態です";
        std::string encoded = encodeHeaderWords(subject);
        CPPUNIT_ASSERT_EQUAL(subject, decodeWords(encoded));
        std::istringstream words(encoded);
        std::string line;
        while (std::getline(words, line))
        {
            std::string word = line.substr(line.find("=?"));
            if (!word.empty() && word.back() == '\r')
                word.pop_back();
            CPPUNIT_ASSERT_MESSAGE(word, word.size() <= 75);
            // Each word decodes to valid UTF-8 on its own: no character is split between words.
            std::string decoded = decodeWords(word);
            CPPUNIT_ASSERT((static_cast<unsigned char>(decoded[0]) & 0xC0) != 0x80);
        }
    }

    void testAsciiSubjectStaysReadable()
    {
        CPPUNIT_ASSERT_EQUAL(std::string("[FIRING:1] DiskUsage"), encodeHeaderWords("[FIRING:1] DiskUsage"));
        CPPUNIT_ASSERT(encodeHeaderWords("looks =?like?= a word").rfind("=?UTF-8?B?", 0) == 0);
    }

    void testHeaderInjectionIsNeutralised()
    {
        CPPUNIT_ASSERT_EQUAL(std::string("x Bcc: evil@example.com"),
                             headerText("x\r\nBcc: evil@example.com"));
        CPPUNIT_ASSERT_EQUAL(std::string("a b c"), headerText("a\tb\x1b\x7f c\n"));
        CPPUNIT_ASSERT_EQUAL(std::string("日本…"), headerText("日本語", 2));
        MimeMessage mail;
        mail.from = "alertgate <a@example.com>";
        mail.to = {"b@example.com"};
        mail.subject = "DiskUsage\r\nBcc: evil@example.com\r\n\r\nbody";
        mail.messageId = "1@pi";
        mail.boundary = "b";
        auto lines = headerLines(mail.compose());
        for (const auto& line : lines)
            CPPUNIT_ASSERT_MESSAGE(line, line.rfind("Bcc:", 0) != 0);
    }

    void testComposedMessageStructure()
    {
        MimeMessage mail;
        mail.from = "alertgate <a@example.com>";
        mail.to = {"b@example.com", "Ops <c@example.com>"};
        mail.subject = "件名";
        mail.text = "text ✓";
        mail.html = "<p>html</p>";
        mail.messageId = "42.abc@pi";
        mail.boundary = "alertgate-boundary";
        mail.dateMicros = 1787393730LL * 1000000;
        std::string message = mail.compose();
        CPPUNIT_ASSERT(message.find("Date: Sat, 22 Aug 2026 10:15:30 +0000\r\n") == 0);
        CPPUNIT_ASSERT(message.find("To: b@example.com,\r\n Ops <c@example.com>\r\n") != std::string::npos);
        CPPUNIT_ASSERT(message.find("Message-ID: <42.abc@pi>\r\n") != std::string::npos);
        CPPUNIT_ASSERT(message.find("Content-Type: multipart/alternative; boundary=\"alertgate-boundary\"") !=
                       std::string::npos);
        CPPUNIT_ASSERT(message.find("--alertgate-boundary\r\nContent-Type: text/plain; charset=UTF-8\r\n") !=
                       std::string::npos);
        CPPUNIT_ASSERT(message.find("--alertgate-boundary\r\nContent-Type: text/html; charset=UTF-8\r\n") !=
                       std::string::npos);
        CPPUNIT_ASSERT(message.size() > 20 &&
                       message.compare(message.size() - 24, 24, "--alertgate-boundary--\r\n") == 0);
        for (std::size_t i = 0; i < message.size(); ++i)
            if (message[i] == '\n')
                CPPUNIT_ASSERT_MESSAGE("bare LF at " + std::to_string(i), i > 0 && message[i - 1] == '\r');
    }

    void testAddressOf()
    {
        CPPUNIT_ASSERT_EQUAL(std::string("a@b.c"), addressOf("alertgate <a@b.c>"));
        CPPUNIT_ASSERT_EQUAL(std::string("a@b.c"), addressOf(" a@b.c "));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(MimeMessageTest);

} // namespace AlertGate
