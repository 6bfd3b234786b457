#include "winnow/record/field_path.h"

#include <gtest/gtest.h>

#include "winnow/record/text_view.h"

namespace winnow {
namespace {

class FieldPathTest : public ::testing::Test {
 protected:
  Record Parse(std::string_view json) {
    Record record = Record::Owned(json, RecordOrigin{});
    EXPECT_TRUE(record.Parse(parser_).ok());
    return record;
  }
  std::vector<std::string> Strings(const FieldPath& path, const Record& record) {
    std::vector<simdjson::dom::element> values;
    path.Resolve(record, &values);
    std::vector<std::string> out;
    for (auto value : values) out.push_back(simdjson::to_string(value));
    return out;
  }
  FieldPath Path(std::string_view text) {
    auto path = FieldPath::Parse(text);
    EXPECT_TRUE(path.has_value()) << text;
    return path.value_or(FieldPath{});
  }
  simdjson::dom::parser parser_;
};

TEST_F(FieldPathTest, ParsesSegments) {
  FieldPath path = Path(R"(messages[-1]["odd.key"][*].content)");
  ASSERT_EQ(path.segments().size(), 5u);
  EXPECT_EQ(path.segments()[0].key, "messages");
  EXPECT_EQ(path.segments()[1].kind, PathSegment::Kind::kIndex);
  EXPECT_EQ(path.segments()[1].index, -1);
  EXPECT_EQ(path.segments()[2].key, "odd.key");
  EXPECT_EQ(path.segments()[3].kind, PathSegment::Kind::kWildcard);
  EXPECT_EQ(path.segments()[4].key, "content");
  EXPECT_TRUE(path.has_wildcard());
}

TEST_F(FieldPathTest, RejectsBadPathsWithColumn) {
  struct Case {
    const char* path;
    const char* message;
  };
  const Case cases[] = {
      {"", "field path is empty"},
      {"a..b", "field path 'a..b': empty field name at column 3"},
      {"a.", "field path 'a.': empty field name at column 3"},
      {"a[x]", "field path 'a[x]': expected an integer index or '*' inside [] at column 3"},
      {"a[1", "field path 'a[1': unclosed '[' at column 2"},
      {"[0]", "field path '[0]': a path must start with a field name at column 1"},
      {"a]b", "field path 'a]b': unexpected ']' at column 2"},
      {"a[0]b", "field path 'a[0]b': expected '.' or '[' at column 5"},
      {R"(a["x)", "field path 'a[\"x': unterminated quoted key at column 2"},
  };
  for (const Case& c : cases) {
    auto path = FieldPath::Parse(c.path);
    ASSERT_FALSE(path.has_value()) << c.path;
    EXPECT_EQ(path.error().message(), c.message);
  }
}

TEST_F(FieldPathTest, ResolvesNestedIndexesAndWildcards) {
  Record record = Parse(R"({"a": {"b": [10, 20, 30]},
      "messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "yo"}],
      "odd.key": {"x": 1}})");
  EXPECT_EQ(Strings(Path("a.b"), record), (std::vector<std::string>{"[10,20,30]"}));
  EXPECT_EQ(Strings(Path("a.b[0]"), record), (std::vector<std::string>{"10"}));
  EXPECT_EQ(Strings(Path("a.b[-1]"), record), (std::vector<std::string>{"30"}));
  EXPECT_TRUE(Strings(Path("a.b[3]"), record).empty());
  EXPECT_TRUE(Strings(Path("a.b[-4]"), record).empty());
  EXPECT_EQ(Strings(Path("messages[*].content"), record),
            (std::vector<std::string>{"\"hi\"", "\"yo\""}));
  EXPECT_EQ(Strings(Path(R"(["odd.key"].x)"), record), (std::vector<std::string>{"1"}));
  EXPECT_TRUE(Strings(Path("a.b.c"), record).empty());  // through a list by key: nothing
  EXPECT_TRUE(Strings(Path("nope"), record).empty());
  int64_t value = 0;
  ASSERT_FALSE(Path("a.b[1]").Get(record).get_int64().get(value));
  EXPECT_EQ(value, 20);
  EXPECT_EQ(Path("a.x").Get(record).error(), simdjson::NO_SUCH_FIELD);
}

TEST_F(FieldPathTest, SeesOverlayFields) {
  Record record = Parse(R"({"a": 1})");
  ASSERT_TRUE(record.Set("meta", R"({"lang": "en"})", parser_).ok());
  EXPECT_EQ(Strings(Path("meta.lang"), record), (std::vector<std::string>{"\"en\""}));
}

TEST_F(FieldPathTest, TextViewOfStringsAndMessages) {
  Record record = Parse(R"({"text": "plain",
      "messages": [{"role": "system", "content": "be nice"},
                   {"role": "user", "content": "hi"},
                   {"role": "assistant", "content": [{"type": "text", "text": "hello"},
                                                      {"type": "image_url", "value": "u"}]},
                   {"role": "assistant", "content": [{"type": "text", "value": "v1"}]}],
      "conversations": [{"from": "human", "value": "q"}, {"from": "gpt", "value": "a"}],
      "n": 3.5, "tags": ["x", "y"], "nothing": null})");
  std::string scratch;
  auto view = [&](const char* path, TextViewOptions options = {}) {
    auto parsed = TextView::Parse(path, options);
    EXPECT_TRUE(parsed.has_value());
    return std::string(parsed->Get(record, &scratch));
  };
  EXPECT_EQ(view("text"), "plain");
  EXPECT_EQ(view("messages"), "be nice\n\nhi\n\nhello\n\nv1");
  TextViewOptions assistant;
  assistant.roles = {"assistant"};
  EXPECT_EQ(view("messages", assistant), "hello\n\nv1");
  EXPECT_EQ(view("conversations", assistant), "a");  // gpt counts as assistant
  TextViewOptions prefixed;
  prefixed.role_prefix = true;
  prefixed.roles = {"user", "assistant"};
  EXPECT_EQ(view("conversations", prefixed), "human: q\n\ngpt: a");
  EXPECT_EQ(view("messages[*].content"), "be nice\n\nhi\n\nhello\n\nv1");
  EXPECT_EQ(view("messages[-1].content"), "v1");
  EXPECT_EQ(view("n"), "3.5");
  EXPECT_EQ(view("tags"), "x\n\ny");
  EXPECT_EQ(view("nothing"), "");
  EXPECT_EQ(view("absent"), "");
}

TEST(NormaliseRoleTest, MapsShareGptRoles) {
  EXPECT_EQ(NormaliseRole("human"), "user");
  EXPECT_EQ(NormaliseRole("gpt"), "assistant");
  EXPECT_EQ(NormaliseRole("bot"), "assistant");
  EXPECT_EQ(NormaliseRole("system"), "system");
  EXPECT_EQ(NormaliseRole("observation"), "observation");
}

}  // namespace
}  // namespace winnow
