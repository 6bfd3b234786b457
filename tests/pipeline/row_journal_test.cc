#include "winnow/pipeline/row_journal.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace winnow {
namespace {

namespace fs = std::filesystem;

class RowJournalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("winnow-journal-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    path_ = (dir_ / "journal" / "judge.jsonl").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Read() const {
    std::ifstream in(path_);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }

  fs::path dir_;
  std::string path_;
};

TEST_F(RowJournalTest, RoundTripsOkAndFailedRows) {
  {
    auto journal = RowJournal::Open(path_, "judge", "abc");
    ASSERT_TRUE(journal.has_value()) << journal.error().message();
    (*journal)->AppendOk("0", {{"rating", "4"}, {"rationale", "\"fine\""}});
    llm::RowFailure failure{"judge: timeout: slow", llm::FailureClass::kTimeout, 0, 6, "partial"};
    (*journal)->AppendFailure("1", failure);
    ASSERT_TRUE((*journal)->Flush().ok());
  }
  auto journal = RowJournal::Open(path_, "judge", "abc");
  ASSERT_TRUE(journal.has_value());
  EXPECT_EQ((*journal)->loaded_ok(), 1u);
  EXPECT_EQ((*journal)->loaded_failed(), 1u);
  const JournalEntry* ok = (*journal)->Find("0");
  ASSERT_NE(ok, nullptr);
  EXPECT_TRUE(ok->ok);
  ASSERT_EQ(ok->columns.size(), 2u);
  EXPECT_EQ(ok->columns[0], (std::pair<std::string, std::string>("rating", "4")));
  EXPECT_EQ(ok->columns[1].second, "\"fine\"");
  const JournalEntry* failed = (*journal)->Find("1");
  ASSERT_NE(failed, nullptr);
  EXPECT_FALSE(failed->ok);
  EXPECT_EQ(failed->failure.failure, llm::FailureClass::kTimeout);
  EXPECT_EQ(failed->failure.attempts, 6);
  EXPECT_EQ(failed->failure.raw_text, "partial");
  EXPECT_EQ((*journal)->Find("2"), nullptr);
}

// A resumed run must write the bytes a fresh run writes: values come back as written, not
// re-serialised (which prints 0.1837919056415558 as 0.18379190564155579).
TEST_F(RowJournalTest, ColumnsComeBackByteForByte) {
  const std::vector<std::pair<std::string, std::string>> columns = {
      {"embedding", "[0.1837919056415558,-1e-07,3]"},
      {"answer", R"({"a":[1.5,{"b":"x\"y"}],"c":null})"},
      {"score", "0.30000000000000004"},
      {"flag", "true"},
      {"text", R"("caf\u00e9 \n")"},
      {"nothing", "null"}};
  {
    auto journal = RowJournal::Open(path_, "embed", "f");
    ASSERT_TRUE(journal.has_value()) << journal.error().message();
    (*journal)->AppendOk("0", columns);
    ASSERT_TRUE((*journal)->Flush().ok());
  }
  auto journal = RowJournal::Open(path_, "embed", "f");
  ASSERT_TRUE(journal.has_value()) << journal.error().message();
  const JournalEntry* entry = (*journal)->Find("0");
  ASSERT_NE(entry, nullptr);
  EXPECT_EQ(entry->columns, columns);
}

TEST_F(RowJournalTest, ATornLastLineIsCutOff) {
  {
    auto journal = RowJournal::Open(path_, "judge", "abc");
    ASSERT_TRUE(journal.has_value());
    (*journal)->AppendOk("0", {{"x", "1"}});
  }
  {
    std::ofstream append(path_, std::ios::app);
    append << R"({"key":"1","ok":tr)";  // a kill in the middle of a write
  }
  auto journal = RowJournal::Open(path_, "judge", "abc");
  ASSERT_TRUE(journal.has_value()) << journal.error().message();
  EXPECT_EQ((*journal)->loaded_ok(), 1u);
  EXPECT_EQ((*journal)->Find("1"), nullptr);
  (*journal)->AppendOk("1", {{"x", "2"}});
  ASSERT_TRUE((*journal)->Flush().ok());
  EXPECT_EQ(Read().substr(Read().find('\n') + 1),
            "{\"key\":\"0\",\"ok\":true,\"columns\":{\"x\":1}}\n"
            "{\"key\":\"1\",\"ok\":true,\"columns\":{\"x\":2}}\n");
}

TEST_F(RowJournalTest, AChangedFingerprintSetsTheOldJournalAside) {
  {
    auto journal = RowJournal::Open(path_, "judge", "old");
    ASSERT_TRUE(journal.has_value());
    (*journal)->AppendOk("0", {{"x", "1"}});
  }
  auto journal = RowJournal::Open(path_, "judge", "new");
  ASSERT_TRUE(journal.has_value());
  EXPECT_TRUE((*journal)->restarted());
  EXPECT_EQ((*journal)->Find("0"), nullptr);
  EXPECT_TRUE(fs::exists(path_ + ".stale-old"));
  EXPECT_EQ(Read(), "{\"journal\":1,\"step\":\"judge\",\"fingerprint\":\"new\"}\n");
}

TEST_F(RowJournalTest, ALaterLineForTheSameRowWins) {
  {
    auto journal = RowJournal::Open(path_, "judge", "f");
    ASSERT_TRUE(journal.has_value());
    (*journal)->AppendFailure("3", {"boom", llm::FailureClass::kServerError, 500, 6, ""});
    (*journal)->AppendOk("3", {{"x", "1"}});  // a --retry-failed run fixed it
  }
  auto journal = RowJournal::Open(path_, "judge", "f");
  ASSERT_TRUE(journal.has_value());
  EXPECT_EQ((*journal)->loaded_ok(), 1u);
  EXPECT_EQ((*journal)->loaded_failed(), 0u);
  EXPECT_TRUE((*journal)->Find("3")->ok);
}

TEST_F(RowJournalTest, DamageInTheMiddleIsAnError) {
  fs::create_directories(dir_ / "journal");
  std::ofstream(path_) << "{\"journal\":1,\"step\":\"judge\",\"fingerprint\":\"f\"}\nnot json\n"
                          "{\"key\":\"0\",\"ok\":true}\n";
  auto journal = RowJournal::Open(path_, "judge", "f");
  ASSERT_FALSE(journal.has_value());
  EXPECT_NE(journal.error().message().find("judge.jsonl:2: not a JSON object"), std::string::npos);
}

}  // namespace
}  // namespace winnow
