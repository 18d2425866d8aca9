#pragma once

#include "core/Error.h"

#include <stdexcept>
#include <string>

namespace AlertGate {

/// A webhook body that can never be valid: the caller answers 400 with what().
class PayloadError : public Error
{
public:
    enum class Kind
    {
        Encoding, /// Not UTF-8.
        Syntax,   /// Not JSON, or not a JSON object.
        Version,  /// Not payload version 4.
        Field     /// A field missing or of the wrong type.
    };

    PayloadError(Kind kind, std::string reason, std::string field)
        : Error(field.empty() ? reason : field + ": " + reason), _kind(kind), _reason(std::move(reason)),
          _field(std::move(field))
    {
    }

    PayloadError(std::string reason, std::string field)
        : PayloadError(Kind::Field, std::move(reason), std::move(field))
    {
    }

    Kind kind() const { return _kind; }

    const std::string& reason() const { return _reason; }
    const std::string& field() const { return _field; }
    /// The JSON path of the offending field ("alerts[2].labels"), empty for the body as a whole.

private:
    Kind _kind;
    std::string _reason;
    std::string _field;
};

} // namespace AlertGate
