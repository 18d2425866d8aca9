#include "core/JsonWriter.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <cppunit/extensions/HelperMacros.h>

#include <map>
#include <sstream>

namespace AlertGate {

namespace {

std::string quoted(const std::string& text)
{
    std::ostringstream out;
    JsonWriter::writeString(out, text);
    return out.str();
}

} // namespace

class JsonWriterTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(JsonWriterTest);
    CPPUNIT_TEST(testEscapesWhatJsonRequires);
    CPPUNIT_TEST(testKeepsUtf8AsItIs);
    CPPUNIT_TEST(testNestingAndSeparators);
    CPPUNIT_TEST(testHostileStringsRoundTripThroughAParser);
    CPPUNIT_TEST_SUITE_END();

public:
    void testEscapesWhatJsonRequires()
    {
        CPPUNIT_ASSERT_EQUAL(std::string(R"("a\"b\\c")"), quoted("a\"b\\c"));
        CPPUNIT_ASSERT_EQUAL(std::string(R"("\n\r\t\u001b\u0000\u007f")"),
                             quoted(std::string("\n\r\t\x1B\0\x7F", 6)));
        CPPUNIT_ASSERT_EQUAL(std::string(R"("</script>")"), quoted("</script>"));
    }

    void testKeepsUtf8AsItIs()
    {
        std::string text = "\xE3\x83\x87\xE3\x82\xA3\xE3\x82\xB9\xE3\x82\xAF \xF0\x9F\x98\x80";
        CPPUNIT_ASSERT_EQUAL("\"" + text + "\"", quoted(text));
    }

    void testNestingAndSeparators()
    {
        std::ostringstream out;
        JsonWriter json(out);
        json.beginArray();
        json.beginObject().key("a").value(std::int64_t(-1)).key("b").null().key("c").beginArray().endArray();
        json.key("d").stringMap(std::map<std::string, std::string>{{"x", "1"}, {"y", "2"}}).endObject();
        json.value("s").value(std::optional<std::string>()).beginObject().endObject();
        json.endArray();
        CPPUNIT_ASSERT_EQUAL(std::string(R"([{"a":-1,"b":null,"c":[],"d":{"x":"1","y":"2"}},"s",null,{}])"),
                             out.str());
    }

    void testHostileStringsRoundTripThroughAParser()
    {
        std::map<std::string, std::string> hostile = {
            {"alertname", "Disk\x1B[2J\rUsage\nFAKE"},
            {"note", "comma, \"quote\"\r\nnext\\line"},
            {std::string("nul\0name", 8), std::string("v\0al", 4)},
            {"summary", "\xE3\x83\x87\xE3\x82\xA3 \xF0\x9F\x98\x80"}};
        std::ostringstream out;
        JsonWriter(out).stringMap(hostile);
        auto parsed = Poco::JSON::Parser().parse(out.str()).extract<Poco::JSON::Object::Ptr>();
        CPPUNIT_ASSERT_EQUAL(hostile.size(), parsed->size());
        for (const auto& [name, value] : hostile)
            if (name.find('\0') == std::string::npos) // POCO's parser cuts names at NUL (core/JsonNames.h)
                CPPUNIT_ASSERT_EQUAL(value, parsed->getValue<std::string>(name));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(JsonWriterTest);

} // namespace AlertGate
