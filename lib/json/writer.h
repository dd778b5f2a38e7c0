#pragma once

// A streaming JSON writer for the hot renderings (tickets in lists and single
// gets): appends straight to a string instead of building boost::json values
// first. Its output is byte for byte what boost::json::serialize writes for the
// same values (same string escapes, no spaces), so the two can be mixed in one
// document; Raw() embeds a value serialized elsewhere.
//
// Commas are inserted automatically: a key or a value that does not directly
// follow '{', '[' or a key's ':' is preceded by ','.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "goatflow/seams.h"

namespace goatflow::json {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& BeginObject() {
    Separate();
    out_.push_back('{');
    return *this;
  }
  JsonWriter& EndObject() {
    out_.push_back('}');
    return *this;
  }
  JsonWriter& BeginArray() {
    Separate();
    out_.push_back('[');
    return *this;
  }
  JsonWriter& EndArray() {
    out_.push_back(']');
    return *this;
  }
  // `name` is written as given: a plain ASCII identifier needing no escapes.
  JsonWriter& Key(std::string_view name) {
    Separate();
    out_.push_back('"');
    out_.append(name);
    out_.append("\":", 2);
    return *this;
  }

  JsonWriter& String(std::string_view value);
  JsonWriter& Int(std::int64_t value);
  JsonWriter& Bool(bool value);
  JsonWriter& Null();
  // An RFC 3339 UTC time string (core::FormatRfc3339).
  JsonWriter& Time(TimePoint value);
  // A complete JSON value (object, array, number...) serialized elsewhere.
  JsonWriter& Raw(std::string_view json);

  JsonWriter& StringOrNull(const std::optional<std::string>& value);
  JsonWriter& IntOrNull(const std::optional<std::int64_t>& value);
  JsonWriter& TimeOrNull(const std::optional<TimePoint>& value);

 private:
  // Inline: called before every key and value of the hot renderings.
  void Separate() {
    if (out_.empty()) return;
    char last = out_.back();
    if (last != '{' && last != '[' && last != ':') out_.push_back(',');
  }
  std::string& out_;
};

// Appends `value` as a JSON string (quotes included) with boost::json's escapes.
void AppendJsonString(std::string& out, std::string_view value);

}  // namespace goatflow::json
