#pragma once

// Template: a compiled Jinja2 template (the subset prompt templates and Hugging Face chat
// templates use) rendered against a context of variables.
//
//   WINNOW_ASSIGN_OR_RETURN(auto tmpl, jinja::Template::Compile("Q: {{ question|trim }}"));
//   jinja::Value context = jinja::Value::Object();
//   context.Set("question", "  Why?  ");
//   WINNOW_ASSIGN_OR_RETURN(std::string text, tmpl.Render(context));  // "Q: Why?"
//
// Errors name the template and the place: "chat_template:3:14: unknown filter 'trimm' (did you
// mean 'trim'?)". Rendering is bounded (output size, work steps, recursion depth), so a hostile
// template fails with a message instead of hanging or overflowing the stack. A Template is
// immutable once compiled: Render may run concurrently on one Template from several threads.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/common/status.h"
#include "winnow/template/value.h"

namespace winnow::jinja {

struct TemplateOptions {
  std::string name = "<template>";     // shown in error messages: "<name>:LINE:COL: message"
  bool trim_blocks = false;            // drop the first newline after a block tag or comment
  bool lstrip_blocks = false;          // strip spaces and tabs before a block tag on its line
  bool keep_trailing_newline = false;  // else one trailing newline of the source is dropped
  // Printing, iterating, testing the truth of or comparing an undefined value is an error
  // ("'question' is undefined"); `is defined` and `default` still work.
  bool strict_undefined = false;
  size_t max_output_bytes = 64 << 20;  // the rendered text (and any string built) is capped here
  // Work cap per render: expression evaluations, statements, loop iterations and elements
  // made by range() or repetition. Guards against templates that never finish.
  uint64_t max_steps = 100'000'000;
};

struct Program;  // the parsed template (evaluator.h)

class Template {
 public:
  // Parses `source`. Errors: syntax ("<name>:2:5: unexpected '}}', expected an expression"),
  // unknown filters or tests, unclosed blocks, nesting deeper than 256 levels.
  static Result<Template> Compile(std::string_view source, TemplateOptions options = {});

  // Renders with `context` (an object: its keys are the template's variables; anything else is
  // treated as an empty context). Errors: undefined values in strict mode, type errors
  // ("unsupported operand type(s) for +: 'int' and 'str'"), raise_exception() calls
  // ("<name>: template raised an exception: <message>"), exceeded limits.
  Result<std::string> Render(const Value& context) const;

  // Names of the top-level variables the template reads without setting them first, in order
  // of first use: {{ question }}{% for x in choices %}{{ x }}{% endfor %} -> question, choices.
  // Built-in globals (range, namespace, dict, raise_exception) are not listed.
  std::vector<std::string> FreeVariables() const;

  const TemplateOptions& options() const;

 private:
  explicit Template(std::shared_ptr<const Program> program) : program_(std::move(program)) {}
  // Shared so Templates copy cheaply; the program is immutable after Compile.
  std::shared_ptr<const Program> program_;
};

}  // namespace winnow::jinja
