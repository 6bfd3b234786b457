#include "winnow/template/prompt_template.h"

namespace winnow {

Result<jinja::Template> CompilePromptTemplate(const std::string& source, const std::string& name) {
  jinja::TemplateOptions options;
  options.name = name;
  options.strict_undefined = true;
  options.trim_blocks = true;
  options.lstrip_blocks = true;
  return jinja::Template::Compile(source, options);
}

jinja::Value RecordTemplateContext(const Record& record) {
  jinja::Value context = jinja::Value::Object();
  record.ForEachField([&](std::string_view key, simdjson::dom::element value) {
    context.Set(std::string(key), jinja::Value::FromJson(value));
  });
  return context;
}

}  // namespace winnow
