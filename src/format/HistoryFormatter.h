#pragma once

#include "store/HistoryQuery.h"

#include <ostream>
#include <string>
#include <vector>

namespace AlertGate {

/// Writes history events and active alerts for people (table), programs (json) and spreadsheets (csv).
/// Label and annotation values are hostile: JSON and CSV carry them exactly, the table neutralises
/// control characters so a label cannot drive the terminal.
class HistoryFormatter
{
public:
    enum class Format
    {
        Table,
        Json,
        Csv
    };

    static bool parseFormat(const std::string& name, Format& format);

    static void write(std::ostream& out, const std::vector<HistoryEvent>& events, Format format);
    static void writeJson(std::ostream& out, const std::vector<ActiveAlert>& alerts);
};

} // namespace AlertGate
