#include "winnow/filters/ngram_text.h"

#include "winnow/common/utf8.h"

namespace winnow {

void NGramText::Build(const std::vector<std::string_view>& words) {
  spaced_.clear();
  packed_.clear();
  spaced_offsets_.assign(1, 0);
  packed_offsets_.assign(1, 0);
  chars_.assign(1, 0);
  for (std::string_view word : words) {
    spaced_.append(word);
    spaced_ += ' ';
    packed_.append(word);
    spaced_offsets_.push_back(static_cast<uint32_t>(spaced_.size()));
    packed_offsets_.push_back(static_cast<uint32_t>(packed_.size()));
    chars_.push_back(chars_.back() + static_cast<uint32_t>(CountCodePoints(word)));
  }
}

}  // namespace winnow
