#include "winnow/record/json_writer.h"

#include <gtest/gtest.h>

#include <string>

namespace winnow {
namespace {

// Python's json.dumps(ensure_ascii=True): DEL and non-ASCII as \u escapes, astral code points as
// surrogate pairs, invalid UTF-8 as U+FFFD.
TEST(JsonWriterTest, AsciiStringsEscapeEverythingBeyondPrintableAscii) {
  std::string out;
  AppendJsonStringAscii("a\"\n\x7f\xc3\xa9\xf0\x9f\x98\x80\xff", &out);
  EXPECT_EQ(out, R"("a\"\n\u007f\u00e9\ud83d\ude00\ufffd")");
}

}  // namespace
}  // namespace winnow
