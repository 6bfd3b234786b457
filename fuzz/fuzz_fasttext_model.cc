// Fuzzes the fastText model loader (a structural check of ours, then fastText's own reader): any
// bytes must load or be rejected with a message, never crash, hang or allocate without bound; a
// model that loads must predict.

#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "winnow/classify/fasttext_model.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  std::istringstream in(bytes);
  auto model = winnow::FastTextModel::Read(in, size, "fuzz.bin");
  if (!model) {
    if (model.error().message().empty()) __builtin_trap();
    return 0;
  }
  winnow::PredictScratch scratch;
  std::vector<float> probabilities;
  (*model)->Predict("the quick brown fox\njumps __label__x", scratch, &probabilities);
  if (probabilities.size() != (*model)->labels().size()) __builtin_trap();
  return 0;
}
