#pragma once

#include "core/Alert.h"
#include "core/ValueError.h"

#include <Poco/RegularExpression.h>

#include <memory>
#include <string>
#include <vector>

namespace AlertGate {

/// One Alertmanager-style label matcher: name="v", name!="v", name=~"re", name!~"re". Regular
/// expressions are anchored at both ends, as Alertmanager's are; a missing label matches as "".
class Matcher
{
public:
    enum class Op
    {
        Equal,
        NotEqual,
        Regex,
        NotRegex
    };

    Matcher(std::string name, Op op, std::string value);
    /// Throws ValueError for a regular expression that does not compile.

    bool matches(const LabelSet& labels) const;

    static std::vector<Matcher> parseList(const std::string& text);
    /// `severity=~"critical|warning", alertname!="Watchdog"`: comma-separated, values quoted (with \" and
    /// \\ escapes) or bare. Empty text is the empty list, which matches everything. Throws
    /// ValueError naming the problem.

private:
    std::string _name;
    Op _op;
    std::string _value;
    std::shared_ptr<Poco::RegularExpression> _regex;
};

} // namespace AlertGate
