// Fuzzes the template engine: any input must compile or fail with a message, and a compiled
// template must render against a fixed chat-like context (or fail with a message) within the
// output and step limits: no crash, hang, leak or stack overflow.

#include <simdjson.h>

#include <cstdint>
#include <string>

#include "winnow/template/template.h"
#include "winnow/template/value.h"

namespace {

// Made afresh for every input: a template may append to the context's lists.
winnow::jinja::Value MakeContext() {
  static const char kContext[] =
      R"({"messages": [{"role": "system", "content": "Be brief."},)"
      R"( {"role": "user", "content": "Hi <b>there</b>\n  friend"},)"
      R"( {"role": "assistant", "content": "", "tool_calls": [{"type": "function",)"
      R"( "function": {"name": "f", "arguments": {"x": 1.5, "y": [1, 2, null]}}}]},)"
      R"( {"role": "tool", "content": "42"}], "add_generation_prompt": true,)"
      R"( "bos_token": "<s>", "eos_token": "</s>", "tools": [{"type": "function",)"
      R"( "function": {"name": "f", "parameters": {"type": "object"}}}], "n": 3, "f": 2.5,)"
      R"( "s": "héllo wörld", "empty": [], "nested": {"a": {"b": [1, "x", {"c": true}]}}})";
  static simdjson::dom::parser parser;
  static const simdjson::padded_string json(kContext, sizeof kContext - 1);
  return winnow::jinja::Value::FromJson(parser.parse(json).value());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view source(reinterpret_cast<const char*>(data), size);
  winnow::jinja::TemplateOptions options;
  options.name = "fuzz";
  options.trim_blocks = size % 2 == 1;
  options.lstrip_blocks = size % 3 == 1;
  options.strict_undefined = size % 5 == 1;
  options.max_output_bytes = 1 << 20;
  options.max_steps = 200000;
  auto compiled = winnow::jinja::Template::Compile(source, options);
  if (!compiled) {
    if (compiled.error().message().empty()) __builtin_trap();
    return 0;
  }
  (void)compiled->FreeVariables();
  auto rendered = compiled->Render(MakeContext());
  if (!rendered && rendered.error().message().empty()) __builtin_trap();
  if (rendered && rendered->size() > options.max_output_bytes) __builtin_trap();
  return 0;
}
