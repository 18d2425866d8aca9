#include "core/JsonWriter.h"

namespace AlertGate {

JsonWriter::JsonWriter(std::ostream& out) : _out(out) {}

// A value inside an array or at the top needs a comma before all but the first; after a key, the key
// wrote it already.
void JsonWriter::beforeValue()
{
    if (_afterKey)
    {
        _afterKey = false;
        return;
    }
    if (!_firstInLevel.empty())
    {
        if (!_firstInLevel.back())
            _out << ',';
        _firstInLevel.back() = false;
    }
}

JsonWriter& JsonWriter::beginObject()
{
    beforeValue();
    _out << '{';
    _firstInLevel.push_back(true);
    return *this;
}

JsonWriter& JsonWriter::endObject()
{
    _firstInLevel.pop_back();
    _out << '}';
    return *this;
}

JsonWriter& JsonWriter::beginArray()
{
    beforeValue();
    _out << '[';
    _firstInLevel.push_back(true);
    return *this;
}

JsonWriter& JsonWriter::endArray()
{
    _firstInLevel.pop_back();
    _out << ']';
    return *this;
}

JsonWriter& JsonWriter::key(const std::string& name)
{
    beforeValue();
    writeString(_out, name);
    _out << ':';
    _afterKey = true;
    return *this;
}

JsonWriter& JsonWriter::value(const std::string& text)
{
    beforeValue();
    writeString(_out, text);
    return *this;
}

JsonWriter& JsonWriter::value(const char* text)
{
    return value(std::string(text));
}

JsonWriter& JsonWriter::value(std::int64_t number)
{
    beforeValue();
    _out << number;
    return *this;
}

JsonWriter& JsonWriter::value(const std::optional<std::string>& text)
{
    return text ? value(*text) : null();
}

JsonWriter& JsonWriter::null()
{
    beforeValue();
    _out << "null";
    return *this;
}

void JsonWriter::writeString(std::ostream& out, const std::string& text)
{
    static const char kHex[] = "0123456789abcdef";
    std::string escaped;
    escaped.reserve(text.size() + 2);
    escaped += '"';
    for (char c : text)
    {
        auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\')
            escaped.append(1, '\\').append(1, c);
        else if (c == '\n')
            escaped += "\\n";
        else if (c == '\r')
            escaped += "\\r";
        else if (c == '\t')
            escaped += "\\t";
        else if (byte < 0x20 || byte == 0x7F)
            escaped.append("\\u00").append(1, kHex[byte >> 4]).append(1, kHex[byte & 0xF]);
        else
            escaped += c;
    }
    escaped += '"';
    out.write(escaped.data(), static_cast<std::streamsize>(escaped.size()));
}

} // namespace AlertGate
