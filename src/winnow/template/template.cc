#include "winnow/template/template.h"

#include "winnow/template/evaluator.h"
#include "winnow/template/free_variables.h"
#include "winnow/template/lexer.h"
#include "winnow/template/parser.h"

namespace winnow::jinja {

Result<Template> Template::Compile(std::string_view source, TemplateOptions options) {
  LexerOptions lexer_options;
  lexer_options.trim_blocks = options.trim_blocks;
  lexer_options.lstrip_blocks = options.lstrip_blocks;
  lexer_options.keep_trailing_newline = options.keep_trailing_newline;
  WINNOW_ASSIGN_OR_RETURN(std::vector<Token> tokens, Tokenize(source, options.name, lexer_options));
  auto program = std::make_shared<Program>();
  program->options = std::move(options);
  Parser parser(tokens, program->options.name);
  WINNOW_ASSIGN_OR_RETURN(program->body, parser.ParseTemplate());
  program->free_variables = CollectFreeVariables(program->body);
  return Template(std::move(program));
}

Result<std::string> Template::Render(const Value& context) const {
  std::string out;
  Renderer renderer(program_->options, context, &out);
  WINNOW_RETURN_IF_ERROR(renderer.Run(program_->body));
  return out;
}

std::vector<std::string> Template::FreeVariables() const { return program_->free_variables; }

const TemplateOptions& Template::options() const { return program_->options; }

}  // namespace winnow::jinja
