#include "core/Printable.h"
#include "core/Utf8.h"

#include <cppunit/extensions/HelperMacros.h>

namespace AlertGate {

class PrintableTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(PrintableTest);
    CPPUNIT_TEST(testPlainTextUnchanged);
    CPPUNIT_TEST(testControlCharactersEscaped);
    CPPUNIT_TEST(testShortTextNotCut);
    CPPUNIT_TEST(testLongTextCutWithEllipsis);
    CPPUNIT_TEST(testCutNeverSplitsACharacter);
    CPPUNIT_TEST(testCutKeepsWholeCharactersThatFit);
    CPPUNIT_TEST_SUITE_END();

public:
    void testPlainTextUnchanged()
    {
        CPPUNIT_ASSERT_EQUAL(std::string("instance=pi:9100 \"quoted\" \\"),
                             printable("instance=pi:9100 \"quoted\" \\"));
        CPPUNIT_ASSERT_EQUAL(std::string("\xE3\x83\x87\xE3\x82\xA3"), printable("\xE3\x83\x87\xE3\x82\xA3"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), printable(""));
    }

    void testControlCharactersEscaped()
    {
        CPPUNIT_ASSERT_EQUAL(std::string("a\\x0D\\x0Ab"), printable("a\r\nb"));
        CPPUNIT_ASSERT_EQUAL(std::string("\\x1B[31mred"), printable("\x1B[31mred"));
        CPPUNIT_ASSERT_EQUAL(std::string("\\x09\\x7F\\x00"), printable(std::string("\t\x7F\0", 3)));
        CPPUNIT_ASSERT_EQUAL(std::string("\\x1F "), printable("\x1F "));
    }

    void testShortTextNotCut()
    {
        CPPUNIT_ASSERT_EQUAL(std::string("abc"), printable("abc", 3));
        CPPUNIT_ASSERT_EQUAL(std::string(80, 'x'), printable(std::string(80, 'x')));
    }

    void testLongTextCutWithEllipsis()
    {
        CPPUNIT_ASSERT_EQUAL(std::string("abcd..."), printable("abcdefgh", 4));
        CPPUNIT_ASSERT_EQUAL(std::string(80, 'x') + "...", printable(std::string(81, 'x')));
        // A forged log line is cut and cannot start a line of its own.
        CPPUNIT_ASSERT_EQUAL(std::string("ok\\x0A..."), printable("ok\nFAKE LOG LINE", 4));
    }

    void testCutNeverSplitsACharacter()
    {
        // "日本語テキスト" and an emoji: 3- and 4-byte sequences.
        const std::string text =
            "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE3\x83\x86\xE3\x82\xAD\xF0\x9F\x98\x80x";
        for (std::size_t max = 1; max < text.size(); ++max)
        {
            std::string out = printable(text, max);
            std::string message = "maxBytes " + std::to_string(max) + ": " + out;
            CPPUNIT_ASSERT_MESSAGE(message, isValidUtf8(out));
            CPPUNIT_ASSERT_MESSAGE(message, out.size() >= 3 && out.compare(out.size() - 3, 3, "...") == 0);
            std::string kept = out.substr(0, out.size() - 3);
            CPPUNIT_ASSERT_MESSAGE(message, kept.size() <= max);
            CPPUNIT_ASSERT_MESSAGE(message, text.compare(0, kept.size(), kept) == 0);
        }
    }

    void testCutKeepsWholeCharactersThatFit()
    {
        // Everything up to maxBytes that is whole characters stays; only a split character goes.
        CPPUNIT_ASSERT_EQUAL(std::string("\xC3\xA9..."), printable("\xC3\xA9\xC3\xA9\xC3\xA9", 3));
        CPPUNIT_ASSERT_EQUAL(std::string("\xC3\xA9..."), printable("\xC3\xA9\xC3\xA9", 2));
        CPPUNIT_ASSERT_EQUAL(std::string("\xE6\x97\xA5\xE6\x9C\xAC..."),
                             printable("\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", 6));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(PrintableTest);

} // namespace AlertGate
