#pragma once

// Helpers for the template tests: render a source against a JSON context in one call, with
// errors turned into "ERROR: <message>" so expectations can compare strings either way.

#include <simdjson.h>

#include <string>
#include <string_view>

#include "winnow/template/template.h"
#include "winnow/template/value.h"

namespace winnow::jinja::testing {

// The JSON text as a Value (an empty object for "").
inline Value Json(std::string_view json) {
  if (json.empty()) return Value::Object();
  simdjson::dom::parser parser;
  simdjson::padded_string padded(json);
  simdjson::dom::element element;
  if (parser.parse(padded).get(element) != simdjson::SUCCESS)
    return Value::Undefined("bad test JSON");
  return Value::FromJson(element);
}

inline std::string RenderWith(std::string_view source, const Value& context,
                              TemplateOptions options = {}) {
  auto compiled = Template::Compile(source, std::move(options));
  if (!compiled) return "ERROR: " + compiled.error().message();
  auto text = compiled->Render(context);
  if (!text) return "ERROR: " + text.error().message();
  return *text;
}

// Renders `source` with the variables of the JSON object `json_context`.
inline std::string Render(std::string_view source, std::string_view json_context = "",
                          TemplateOptions options = {}) {
  return RenderWith(source, Json(json_context), std::move(options));
}

}  // namespace winnow::jinja::testing
