#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace AlertGate {

/// Writes JSON straight to a stream, for answers of many rows (the history): building POCO JSON objects
/// first, then stringifying them, cost more than the query that read the rows. Strings are escaped per
/// RFC 8259 (quote, backslash, control characters); other bytes, UTF-8 included, are written as they are.
/// The caller nests calls correctly; commas and colons are the writer's.
class JsonWriter
{
public:
    explicit JsonWriter(std::ostream& out);

    JsonWriter& beginObject();
    JsonWriter& endObject();
    JsonWriter& beginArray();
    JsonWriter& endArray();

    JsonWriter& key(const std::string& name);
    /// The member name of the value written next.

    JsonWriter& value(const std::string& text);
    JsonWriter& value(const char* text);
    JsonWriter& value(std::int64_t number);
    JsonWriter& value(const std::optional<std::string>& text);
    /// null when empty.
    JsonWriter& null();

    template <typename Map> JsonWriter& stringMap(const Map& members);
    /// An object of string members, e.g. a LabelSet.

    static void writeString(std::ostream& out, const std::string& text);
    /// text as a quoted, escaped JSON string.

private:
    void beforeValue();

    std::ostream& _out;
    std::vector<bool> _firstInLevel;
    bool _afterKey = false;
};

template <typename Map> JsonWriter& JsonWriter::stringMap(const Map& members)
{
    beginObject();
    for (const auto& [name, text] : members)
        key(name).value(text);
    return endObject();
}

} // namespace AlertGate
