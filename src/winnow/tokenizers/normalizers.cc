#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>

#include "winnow/common/utf8.h"
#include "winnow/tokenizers/normalizer.h"
#include "winnow/tokenizers/unicode_classes.h"

namespace winnow::tokenizers {
namespace {

// ICU's normalizers work on UTF-8 directly; the instances are process-wide singletons owned by
// ICU and thread-safe.
class UnicodeNormalizer final : public Normalizer {
 public:
  explicit UnicodeNormalizer(UnicodeForm form) : form_(form) {}

  void Normalize(std::string_view text, std::string* out) const override {
    out->clear();
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* normalizer = Instance(&status);
    icu::StringPiece input(text.data(), static_cast<int32_t>(text.size()));
    if (U_SUCCESS(status) && normalizer->isNormalizedUTF8(input, status) && U_SUCCESS(status)) {
      out->assign(text);
      return;
    }
    status = U_ZERO_ERROR;
    icu::StringByteSink<std::string> sink(out, static_cast<int32_t>(text.size()));
    normalizer->normalizeUTF8(0, input, sink, nullptr, status);
    // Only a broken ICU data file fails here; the text is then better left as it was.
    if (U_FAILURE(status)) out->assign(text);
  }

 private:
  const icu::Normalizer2* Instance(UErrorCode* status) const {
    switch (form_) {
      case UnicodeForm::kNfc:
        return icu::Normalizer2::getNFCInstance(*status);
      case UnicodeForm::kNfd:
        return icu::Normalizer2::getNFDInstance(*status);
      case UnicodeForm::kNfkc:
        return icu::Normalizer2::getNFKCInstance(*status);
      case UnicodeForm::kNfkd:
        return icu::Normalizer2::getNFKDInstance(*status);
    }
    return icu::Normalizer2::getNFCInstance(*status);
  }

  UnicodeForm form_;
};

void AppendLowercased(std::string_view text, std::string* out) {
  for (size_t pos = 0; pos < text.size();) {
    AppendLowercase(NextCodePoint(text, &pos), out);
  }
}

class LowercaseNormalizer final : public Normalizer {
 public:
  void Normalize(std::string_view text, std::string* out) const override {
    out->clear();
    out->reserve(text.size());
    AppendLowercased(text, out);
  }
};

// Appends the characters of `text` for which `drop` is false.
template <typename Drop>
void AppendFiltered(std::string_view text, Drop drop, std::string* out) {
  for (size_t pos = 0; pos < text.size();) {
    size_t begin = pos;
    if (!drop(NextCodePoint(text, &pos))) out->append(text.substr(begin, pos - begin));
  }
}

class StripAccentsNormalizer final : public Normalizer {
 public:
  void Normalize(std::string_view text, std::string* out) const override {
    out->clear();
    AppendFiltered(text, IsMark, out);
  }
};

class StripNormalizer final : public Normalizer {
 public:
  StripNormalizer(bool left, bool right) : left_(left), right_(right) {}

  void Normalize(std::string_view text, std::string* out) const override {
    size_t begin = 0;
    size_t end = text.size();
    if (left_) {
      while (begin < end) {
        size_t next = begin;
        if (!IsWhitespace(NextCodePoint(text, &next))) break;
        begin = next;
      }
    }
    if (right_) {
      while (end > begin) {
        size_t last = end - 1;
        while (last > begin && (static_cast<unsigned char>(text[last]) & 0xC0) == 0x80) --last;
        size_t next = last;
        if (!IsWhitespace(NextCodePoint(text, &next))) break;
        end = last;
      }
    }
    out->assign(text.substr(begin, end - begin));
  }

 private:
  bool left_;
  bool right_;
};

class ReplaceNormalizer final : public Normalizer {
 public:
  ReplaceNormalizer(std::unique_ptr<SplitPattern> pattern, std::string content)
      : pattern_(std::move(pattern)), content_(std::move(content)) {}

  void Normalize(std::string_view text, std::string* out) const override {
    out->clear();
    std::vector<Span> matches;
    pattern_->FindMatches(text, &matches);
    size_t pos = 0;
    for (const Span& match : matches) {
      out->append(text.substr(pos, match.begin - pos));
      out->append(content_);
      pos = match.end;
    }
    out->append(text.substr(pos));
  }

 private:
  std::unique_ptr<SplitPattern> pattern_;
  std::string content_;
};

class PrependNormalizer final : public Normalizer {
 public:
  explicit PrependNormalizer(std::string prefix) : prefix_(std::move(prefix)) {}

  void Normalize(std::string_view text, std::string* out) const override {
    out->clear();
    if (!text.empty()) out->append(prefix_);
    out->append(text);
  }

 private:
  std::string prefix_;
};

// BERT's BasicTokenizer cleaning, in the order the library applies it.
class BertNormalizer final : public Normalizer {
 public:
  explicit BertNormalizer(BertNormalizerOptions options)
      : options_(options), nfd_(UnicodeForm::kNfd) {}

  void Normalize(std::string_view text, std::string* out) const override {
    std::string scratch;
    std::string_view current = text;
    out->clear();
    if (options_.clean_text) {
      CleanText(current, out);
      scratch.swap(*out);
      current = scratch;
    }
    if (options_.handle_chinese_chars) {
      out->clear();
      SpaceCjk(current, out);
      scratch.swap(*out);
      current = scratch;
    }
    if (options_.strip_accents) {
      std::string decomposed;
      nfd_.Normalize(current, &decomposed);
      out->clear();
      AppendFiltered(decomposed, IsNonspacingMark, out);
      scratch.swap(*out);
      current = scratch;
    }
    out->clear();
    if (options_.lowercase) {
      AppendLowercased(current, out);
    } else {
      out->assign(current);
    }
  }

 private:
  static void CleanText(std::string_view text, std::string* out) {
    for (size_t pos = 0; pos < text.size();) {
      size_t begin = pos;
      uint32_t cp = NextCodePoint(text, &pos);
      // Controls go first, so a control that is also whitespace (VT, FF, NEL) is dropped, not
      // turned into a space; tab, CR and LF count as whitespace, not controls.
      bool tab_or_newline = cp == '\t' || cp == '\n' || cp == '\r';
      if (!tab_or_newline && (cp == 0 || cp == 0xFFFD || IsOtherCategory(cp))) continue;
      if (tab_or_newline || IsWhitespace(cp)) {
        out->push_back(' ');
      } else {
        out->append(text.substr(begin, pos - begin));
      }
    }
  }

  static void SpaceCjk(std::string_view text, std::string* out) {
    for (size_t pos = 0; pos < text.size();) {
      size_t begin = pos;
      uint32_t cp = NextCodePoint(text, &pos);
      bool cjk = IsCjkIdeograph(cp);
      if (cjk) out->push_back(' ');
      out->append(text.substr(begin, pos - begin));
      if (cjk) out->push_back(' ');
    }
  }

  BertNormalizerOptions options_;
  UnicodeNormalizer nfd_;
};

class SequenceNormalizer final : public Normalizer {
 public:
  explicit SequenceNormalizer(std::vector<std::unique_ptr<Normalizer>> steps)
      : steps_(std::move(steps)) {}

  void Normalize(std::string_view text, std::string* out) const override {
    out->assign(text);
    std::string input;
    for (const auto& step : steps_) {
      input.swap(*out);
      step->Normalize(input, out);
    }
  }

 private:
  std::vector<std::unique_ptr<Normalizer>> steps_;
};

}  // namespace

std::unique_ptr<Normalizer> NewUnicodeNormalizer(UnicodeForm form) {
  return std::make_unique<UnicodeNormalizer>(form);
}

std::unique_ptr<Normalizer> NewLowercaseNormalizer() {
  return std::make_unique<LowercaseNormalizer>();
}

std::unique_ptr<Normalizer> NewStripAccentsNormalizer() {
  return std::make_unique<StripAccentsNormalizer>();
}

std::unique_ptr<Normalizer> NewStripNormalizer(bool left, bool right) {
  return std::make_unique<StripNormalizer>(left, right);
}

std::unique_ptr<Normalizer> NewReplaceNormalizer(std::unique_ptr<SplitPattern> pattern,
                                                 std::string content) {
  return std::make_unique<ReplaceNormalizer>(std::move(pattern), std::move(content));
}

std::unique_ptr<Normalizer> NewPrependNormalizer(std::string prefix) {
  return std::make_unique<PrependNormalizer>(std::move(prefix));
}

std::unique_ptr<Normalizer> NewBertNormalizer(BertNormalizerOptions options) {
  return std::make_unique<BertNormalizer>(options);
}

std::unique_ptr<Normalizer> NewSequenceNormalizer(std::vector<std::unique_ptr<Normalizer>> steps) {
  return std::make_unique<SequenceNormalizer>(std::move(steps));
}

}  // namespace winnow::tokenizers
