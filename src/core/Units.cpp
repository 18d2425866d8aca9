#include "core/Units.h"

#include <cctype>
#include <limits>

namespace AlertGate {

namespace {

std::optional<std::int64_t> durationUnitMillis(const std::string& unit)
{
    if (unit == "ms")
        return 1;
    if (unit == "s")
        return 1000;
    if (unit == "m")
        return 60 * 1000;
    if (unit == "h")
        return 3600 * 1000;
    if (unit == "d")
        return 24 * 3600 * 1000;
    return std::nullopt;
}

std::optional<std::uint64_t> sizeUnitBytes(const std::string& unit)
{
    if (unit.empty() || unit == "B")
        return 1;
    if (unit == "KiB")
        return 1024ull;
    if (unit == "MiB")
        return 1024ull * 1024;
    if (unit == "GiB")
        return 1024ull * 1024 * 1024;
    if (unit == "KB" || unit == "kB")
        return 1000ull;
    if (unit == "MB")
        return 1000ull * 1000;
    if (unit == "GB")
        return 1000ull * 1000 * 1000;
    return std::nullopt;
}

// Reads the digits at pos; false when there are none or the number overflows 2^53.
bool readNumber(const std::string& text, std::size_t& pos, std::uint64_t& value)
{
    std::size_t start = pos;
    value = 0;
    while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos])))
    {
        value = value * 10 + static_cast<std::uint64_t>(text[pos++] - '0');
        if (value > (1ull << 53))
            return false;
    }
    return pos > start;
}

std::string readUnit(const std::string& text, std::size_t& pos)
{
    std::size_t start = pos;
    while (pos < text.size() && std::isalpha(static_cast<unsigned char>(text[pos])))
        ++pos;
    return text.substr(start, pos - start);
}

} // namespace

std::optional<std::int64_t> parseDurationMillis(const std::string& text)
{
    std::size_t pos = 0;
    std::int64_t total = 0;
    while (pos < text.size())
    {
        std::uint64_t number;
        if (!readNumber(text, pos, number))
            return std::nullopt;
        auto unit = durationUnitMillis(readUnit(text, pos));
        if (!unit)
            return std::nullopt;
        if (number > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max() / 2 / *unit))
            return std::nullopt;
        total += static_cast<std::int64_t>(number) * *unit;
        if (total > std::numeric_limits<std::int64_t>::max() / 2)
            return std::nullopt;
    }
    if (text.empty())
        return std::nullopt;
    return total;
}

std::optional<std::uint64_t> parseByteSize(const std::string& text)
{
    std::size_t pos = 0;
    std::uint64_t number;
    if (!readNumber(text, pos, number))
        return std::nullopt;
    auto unit = sizeUnitBytes(readUnit(text, pos));
    if (!unit || pos != text.size())
        return std::nullopt;
    if (number > std::numeric_limits<std::uint64_t>::max() / *unit)
        return std::nullopt;
    return number * *unit;
}

} // namespace AlertGate
