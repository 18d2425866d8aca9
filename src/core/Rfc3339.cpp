#include "core/Rfc3339.h"

#include <cstdio>

namespace AlertGate {

namespace {

bool readDigits(const std::string& s, std::size_t pos, std::size_t count, int& out)
{
    if (pos + count > s.size())
        return false;
    out = 0;
    for (std::size_t i = pos; i < pos + count; ++i)
    {
        if (s[i] < '0' || s[i] > '9')
            return false;
        out = out * 10 + (s[i] - '0');
    }
    return true;
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
std::int64_t daysFromCivil(int y, int m, int d)
{
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = static_cast<int>(y - era * 400);
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void civilFromDays(std::int64_t z, int& y, int& m, int& d)
{
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int doe = static_cast<int>(z - era * 146097);
    const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = static_cast<int>(yoe + era * 400 + (m <= 2));
}

bool isLeap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int daysInMonth(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && isLeap(y) ? 29 : days[m - 1];
}

bool isDateTimeSeparator(char c)
{
    return c == 'T' || c == 't';
}

// Parses ".ddddddddd" at pos; returns microseconds (extra digits truncated) and advances pos.
bool readFraction(const std::string& s, std::size_t& pos, std::int64_t& micros)
{
    micros = 0;
    if (pos >= s.size() || s[pos] != '.')
        return true;
    std::size_t start = ++pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9')
        ++pos;
    std::size_t count = pos - start;
    if (count == 0 || count > 9)
        return false;
    for (std::size_t i = 0; i < 6; ++i)
        micros = micros * 10 + (i < count ? s[start + i] - '0' : 0);
    return true;
}

bool readOffset(const std::string& s, std::size_t pos, int& offsetMinutes)
{
    if (pos + 1 == s.size() && (s[pos] == 'Z' || s[pos] == 'z'))
    {
        offsetMinutes = 0;
        return true;
    }
    int hh, mm;
    if (pos + 6 != s.size() || (s[pos] != '+' && s[pos] != '-') || s[pos + 3] != ':')
        return false;
    if (!readDigits(s, pos + 1, 2, hh) || !readDigits(s, pos + 4, 2, mm) || hh > 23 || mm > 59)
        return false;
    offsetMinutes = (s[pos] == '-' ? -1 : 1) * (hh * 60 + mm);
    return true;
}

} // namespace

std::optional<std::int64_t> Rfc3339::parseMicros(const std::string& s)
{
    int y, mo, d, h, mi, sec;
    if (s.size() < 20 || !readDigits(s, 0, 4, y) || s[4] != '-' || !readDigits(s, 5, 2, mo) || s[7] != '-' ||
        !readDigits(s, 8, 2, d) || !isDateTimeSeparator(s[10]) || !readDigits(s, 11, 2, h) || s[13] != ':' ||
        !readDigits(s, 14, 2, mi) || s[16] != ':' || !readDigits(s, 17, 2, sec))
        return std::nullopt;
    if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || sec > 60)
        return std::nullopt;
    std::size_t pos = 19;
    std::int64_t fraction;
    int offsetMinutes;
    if (!readFraction(s, pos, fraction) || !readOffset(s, pos, offsetMinutes))
        return std::nullopt;
    std::int64_t seconds = daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec - offsetMinutes * 60;
    return seconds * 1000000 + fraction;
}

std::string Rfc3339::formatMicros(std::int64_t micros)
{
    std::int64_t seconds = micros >= 0 ? micros / 1000000 : -((-micros + 999999) / 1000000);
    int millis = static_cast<int>((micros - seconds * 1000000) / 1000);
    std::int64_t days = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
    int secOfDay = static_cast<int>(seconds - days * 86400);
    int y, m, d;
    civilFromDays(days, y, m, d);
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", y, m, d, secOfDay / 3600,
                  secOfDay / 60 % 60, secOfDay % 60, millis);
    return buffer;
}

bool Rfc3339::isGoZeroTime(const std::string& text)
{
    auto micros = parseMicros(text);
    return micros && *micros == parseMicros("0001-01-01T00:00:00Z").value();
}

} // namespace AlertGate
